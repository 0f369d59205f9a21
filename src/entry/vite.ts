// `asyncctx/vite`: the await transform as a Vite plugin.
import { unplugin, type AsyncctxPlugins } from '../plugins/unplugin';

export type { AsyncctxPluginOptions } from '../plugins/unplugin';
export const asyncctxVite: AsyncctxPlugins['vite'] = unplugin.vite;
export default asyncctxVite;
