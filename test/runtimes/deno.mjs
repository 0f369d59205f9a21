// Deno from the npm package `deno` (binary in its optional dependency @deno/linux-x64-glibc).
// Deno has node:async_hooks, so both engines run. It runs a CommonJS file as such when
// the name ends in .cjs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './bundle.mjs';
import { runProcess, versionOf } from './run-process.mjs';

const binary = join(root, 'node_modules', '.bin', 'deno');

export const deno = {
  name: 'deno',
  engines: ['portable', 'native'],
  bundleOptions: { commonJs: true },
  available: async () => existsSync(binary),
  version: () => versionOf(binary, ['--version']),
  run: (bundle) => runProcess(binary, ['run', '--allow-all', '--quiet', '--no-config', bundle], { cwd: root, env: { NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' } }),
};
