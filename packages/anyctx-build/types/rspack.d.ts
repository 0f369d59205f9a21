// `anyctx-build/rspack`: the await transform as a Rspack plugin.
import type { AnyctxPlugins } from './plugin.js';

export type { AnyctxPluginOptions, FilterPattern } from './plugin.js';
/** The Rspack plugin: `anyctxRspack(options?)`. */
export declare const anyctxRspack: AnyctxPlugins['rspack'];
export default anyctxRspack;
