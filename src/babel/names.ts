// Shared with the oxc transform (src/transform/names.ts has no parser dependency).
export { HELPERS, FRAME, AWAITED, DISPOSER, GLOBAL_HELPERS_KEY, helpersExportFor } from '../transform/names';
