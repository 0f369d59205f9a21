// `asyncctx/esbuild`: the await transform as a Esbuild plugin.
import { unplugin, type AsyncctxPlugins } from '../plugins/unplugin';

export type { AsyncctxPluginOptions } from '../plugins/unplugin';
export const asyncctxEsbuild: AsyncctxPlugins['esbuild'] = unplugin.esbuild;
export default asyncctxEsbuild;
