// Shared with the oxc transform (src/transform/names.ts has no parser dependency).
export { HELPERS, FRAME, REWRITTEN, AWAITED, DISPOSER, GLOBAL_HELPERS_KEY, helpersExportFor, ASYNC_HOOKS } from '../transform/names';
