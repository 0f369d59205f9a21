// `anyctx-build/rollup`: the await transform as a Rollup plugin.
import { unplugin, type AnyctxPlugins } from '../plugins/unplugin';

export type { AnyctxPluginOptions } from '../plugins/unplugin';
export const anyctxRollup: AnyctxPlugins['rollup'] = unplugin.rollup;
export default anyctxRollup;
