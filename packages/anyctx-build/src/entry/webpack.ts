// `anyctx-build/webpack`: the await transform as a Webpack plugin.
import { unplugin, type AnyctxPlugins } from '../plugins/unplugin';

export type { AnyctxPluginOptions } from '../plugins/unplugin';
export const anyctxWebpack: AnyctxPlugins['webpack'] = unplugin.webpack;
export default anyctxWebpack;
