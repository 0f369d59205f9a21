// The names rewritten code uses, shared by the oxc transform and the Babel plugin: a file
// either tool rewrote is recognised by both and left alone.

/** The helpers (src/core/await-frames.ts), brought in once per file. */
export const HELPERS = '__acx';
/** One function invocation's (or the module body's) await frame. */
export const FRAME = '__acf';
/** The value an await resumed with, on its way from the `await` to resume(). */
export const AWAITED = '__acv';
/** The prefix of an `await using` resource's stand-in (src/core/await-disposers.ts). */
export const DISPOSER = '__acd';
/** Where the portable engine puts the helpers for scripts: globalThis[Symbol.for(KEY)]. */
export { AWAIT_HELPERS_KEY as GLOBAL_HELPERS_KEY } from '../core/global-keys';
