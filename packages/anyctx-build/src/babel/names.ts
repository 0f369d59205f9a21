// Shared with the oxc transform (src/transform/names.ts has no parser dependency).
export { GLOBAL_HELPERS_KEY, collidingWords, generatedNames, helpersExportFor, isRewrittenBody, isRewrittenModuleBody, ASYNC_HOOKS, type GeneratedNames } from '../transform/names';
