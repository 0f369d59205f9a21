// `anyctx-build/vite`: the await transform as a Vite plugin.
import { unplugin, type AnyctxPlugins } from '../plugins/unplugin';

export type { AnyctxPluginOptions } from '../plugins/unplugin';
export const anyctxVite: AnyctxPlugins['vite'] = unplugin.vite;
export default anyctxVite;
