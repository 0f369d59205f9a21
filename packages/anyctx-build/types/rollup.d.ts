// `anyctx-build/rollup`: the await transform as a Rollup plugin.
import type { AnyctxPlugins } from './plugin.js';

export type { AnyctxPluginOptions, FilterPattern } from './plugin.js';
/** The Rollup plugin: `anyctxRollup(options?)`. */
export declare const anyctxRollup: AnyctxPlugins['rollup'];
export default anyctxRollup;
