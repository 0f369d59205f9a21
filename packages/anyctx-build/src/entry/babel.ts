// `anyctx-build/babel`: the await transform as a Babel plugin, for Metro (React Native) and other
// Babel pipelines. List it in `plugins` so it runs before the presets (see README).
import { anyctxBabelPlugin } from '../babel/plugin';

export type { AnyctxBabelOptions } from '../babel/plugin';
export { anyctxBabelPlugin };
export default anyctxBabelPlugin;
