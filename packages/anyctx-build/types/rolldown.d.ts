// `anyctx-build/rolldown`: the await transform as a Rolldown plugin.
import type { AnyctxPlugins } from './plugin.js';

export type { AnyctxPluginOptions, FilterPattern } from './plugin.js';
/** The Rolldown plugin: `anyctxRolldown(options?)`. */
export declare const anyctxRolldown: AnyctxPlugins['rolldown'];
export default anyctxRolldown;
