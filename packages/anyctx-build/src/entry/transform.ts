// `anyctx-build/transform`: the await rewrite, for build tools and module loaders.
export { transform, type TransformOptions, type TransformResult } from '../transform/transform';
