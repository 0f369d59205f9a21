// `anyctx-build/esbuild`: the await transform as a Esbuild plugin.
import { unplugin, type AnyctxPlugins } from '../plugins/unplugin';

export type { AnyctxPluginOptions } from '../plugins/unplugin';
export const anyctxEsbuild: AnyctxPlugins['esbuild'] = unplugin.esbuild;
export default anyctxEsbuild;
