// `asyncctx/babel`: the await transform as a Babel plugin, for Metro (React Native) and other
// Babel pipelines. List it in `plugins` so it runs before the presets (see README).
import { asyncctxBabelPlugin } from '../babel/plugin';

export type { AsyncctxBabelOptions } from '../babel/plugin';
export { asyncctxBabelPlugin };
export default asyncctxBabelPlugin;
