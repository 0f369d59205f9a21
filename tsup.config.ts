import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/entry/index.ts', portable: 'src/entry/portable.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  external: ['node:async_hooks'],
  splitting: false,
  treeshake: true,
});
