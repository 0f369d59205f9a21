// `asyncctx/webpack`: the await transform as a Webpack plugin.
import { unplugin, type AsyncctxPlugins } from '../plugins/unplugin';

export type { AsyncctxPluginOptions } from '../plugins/unplugin';
export const asyncctxWebpack: AsyncctxPlugins['webpack'] = unplugin.webpack;
export default asyncctxWebpack;
