// `asyncctx/rolldown`: the await transform as a Rolldown plugin.
import { unplugin, type AsyncctxPlugins } from '../plugins/unplugin';

export type { AsyncctxPluginOptions } from '../plugins/unplugin';
export const asyncctxRolldown: AsyncctxPlugins['rolldown'] = unplugin.rolldown;
export default asyncctxRolldown;
