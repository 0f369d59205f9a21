// anyctx-build as an ES module project uses it. Every line must compile, except those marked
// as expected errors, which must not.
import 'anyctx-build/register';
import { transform, type TransformOptions, type TransformResult } from 'anyctx-build/transform';
import anyctxVite, { type AnyctxPluginOptions } from 'anyctx-build/vite';
import { anyctxRollup } from 'anyctx-build/rollup';
import { anyctxRolldown } from 'anyctx-build/rolldown';
import { anyctxEsbuild } from 'anyctx-build/esbuild';
import { anyctxWebpack } from 'anyctx-build/webpack';
import { anyctxRspack } from 'anyctx-build/rspack';
import anyctxBabelPlugin, { type AnyctxBabelOptions } from 'anyctx-build/babel';
import type { Plugin as VitePlugin } from 'vite';
import type { Plugin as RollupPlugin } from 'rollup';
import type { Plugin as EsbuildPlugin } from 'esbuild';

type IsAny<T> = 0 extends 1 & T ? true : false;

const options: TransformOptions = { filename: 'a.ts', helpers: 'import', plainFileHelpers: 'import' };
const result: TransformResult = transform('await x', options);
const map: string | undefined = result.map?.toString();
// @ts-expect-error: no such helper style
transform('await x', { helpers: 'inline' });

// Each plugin is its bundler's plugin type (unplugin's), not `any`.
const pluginOptions: AnyctxPluginOptions = { include: [/\.ts$/], exclude: 'vendor/**', asyncHooks: true, node: false };
const vite: VitePlugin = anyctxVite(pluginOptions);
false satisfies IsAny<typeof vite>;
const rollup: RollupPlugin = anyctxRollup();
const esbuild: EsbuildPlugin = anyctxEsbuild();
false satisfies IsAny<ReturnType<typeof anyctxRolldown>>;
false satisfies IsAny<ReturnType<typeof anyctxWebpack>>;
false satisfies IsAny<ReturnType<typeof anyctxRspack>>;
// @ts-expect-error: `include` takes patterns
anyctxVite({ include: 42 });

const babelOptions: AnyctxBabelOptions = { asyncHooks: true, helpers: 'require' };
const babelConfig = { plugins: [[anyctxBabelPlugin, babelOptions]] };
false satisfies IsAny<typeof anyctxBabelPlugin>;

export { result, map, vite, rollup, esbuild, babelConfig };
