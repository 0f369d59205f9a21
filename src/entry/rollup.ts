// `asyncctx/rollup`: the await transform as a Rollup plugin.
import { unplugin, type AsyncctxPlugins } from '../plugins/unplugin';

export type { AsyncctxPluginOptions } from '../plugins/unplugin';
export const asyncctxRollup: AsyncctxPlugins['rollup'] = unplugin.rollup;
export default asyncctxRollup;
