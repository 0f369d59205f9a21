// `asyncctx/rspack`: the await transform as a Rspack plugin.
import { unplugin, type AsyncctxPlugins } from '../plugins/unplugin';

export type { AsyncctxPluginOptions } from '../plugins/unplugin';
export const asyncctxRspack: AsyncctxPlugins['rspack'] = unplugin.rspack;
export default asyncctxRspack;
