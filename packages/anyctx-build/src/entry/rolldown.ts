// `anyctx-build/rolldown`: the await transform as a Rolldown plugin.
import { unplugin, type AnyctxPlugins } from '../plugins/unplugin';

export type { AnyctxPluginOptions } from '../plugins/unplugin';
export const anyctxRolldown: AnyctxPlugins['rolldown'] = unplugin.rolldown;
export default anyctxRolldown;
