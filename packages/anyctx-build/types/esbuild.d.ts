// `anyctx-build/esbuild`: the await transform as a Esbuild plugin.
import type { AnyctxPlugins } from './plugin.js';

export type { AnyctxPluginOptions, FilterPattern } from './plugin.js';
/** The Esbuild plugin: `anyctxEsbuild(options?)`. */
export declare const anyctxEsbuild: AnyctxPlugins['esbuild'];
export default anyctxEsbuild;
