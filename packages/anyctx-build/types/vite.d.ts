// `anyctx-build/vite`: the await transform as a Vite plugin.
import type { AnyctxPlugins } from './plugin.js';

export type { AnyctxPluginOptions, FilterPattern } from './plugin.js';
/** The Vite plugin: `anyctxVite(options?)`. */
export declare const anyctxVite: AnyctxPlugins['vite'];
export default anyctxVite;
