// `anyctx-build/rspack`: the await transform as a Rspack plugin.
import { unplugin, type AnyctxPlugins } from '../plugins/unplugin';

export type { AnyctxPluginOptions } from '../plugins/unplugin';
export const anyctxRspack: AnyctxPlugins['rspack'] = unplugin.rspack;
export default anyctxRspack;
