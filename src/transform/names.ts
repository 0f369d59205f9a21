// The names rewritten code uses, shared by the oxc transform and the Babel plugin: a file
// either tool rewrote is recognised by both and left alone.

import { awaitFramesBasic } from '../core/await-frames';

/** The helpers (src/core/await-frames.ts), brought in once per file. */
export const HELPERS = '__acx';
/** What the runtime exports the helpers as: all of them, or those of async functions only. */
export const HELPERS_EXPORT = 'awaitFrames';
export const BASIC_HELPERS_EXPORT = 'awaitFramesBasic';
// The names the basic export holds, read from it rather than listed twice.
const BASIC_HELPERS = new Set(Object.keys(awaitFramesBasic));

/** The export a file imports, given the helpers its rewritten code calls. */
export function helpersExportFor(used: Iterable<string>): string {
  for (const name of used) if (!BASIC_HELPERS.has(name)) return HELPERS_EXPORT;
  return BASIC_HELPERS_EXPORT;
}
/** One function invocation's (or the module body's) await frame. */
export const FRAME = '__acf';
/**
 * Rewritten code, by its text: a function's frame is made by its helpers' enter(). A bundler
 * may rename the helpers' import (Vite's dependency optimizer does, and its output is
 * transformed again when it is served); the frame, a local, keeps its name (or gets `$1`).
 */
export const REWRITTEN = new RegExp(`\\b${FRAME}(?:\\$\\d+)? = [\\w$.]+\\.enter(?:Generator)?\\(`);
/** The value an await resumed with, on its way from the `await` to resume(). */
export const AWAITED = '__acv';
/** The prefix of an `await using` resource's stand-in (src/core/await-disposers.ts). */
export const DISPOSER = '__acd';
/** Where the portable engine puts the helpers for scripts: globalThis[Symbol.for(KEY)]. */
export { AWAIT_HELPERS_KEY as GLOBAL_HELPERS_KEY } from '../core/global-keys';

/** Node's async_hooks module, by either name: what the bundler plugins and the Babel plugin
 * can resolve to the engine, for libraries written for Node. */
export const ASYNC_HOOKS = /^(?:node:)?async_hooks$/;
