// `anyctx-build/webpack`: the await transform as a Webpack plugin.
import type { AnyctxPlugins } from './plugin.js';

export type { AnyctxPluginOptions, FilterPattern } from './plugin.js';
/** The Webpack plugin: `anyctxWebpack(options?)`. */
export declare const anyctxWebpack: AnyctxPlugins['webpack'];
export default anyctxWebpack;
