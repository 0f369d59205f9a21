// Where anyctx-build's and anyctx's own built files are: the register entry and its hooks
// module are found from the running bundle itself (built into dist/ in ESM and CommonJS, and
// `import.meta.url` exists only in the ESM build), the runtime by resolving its public entry.

import { pathToFileURL } from 'node:url';

/** The URL of dist/ (with a trailing slash), from the file this code was bundled into. */
export function distURL(): URL {
  const { prepareStackTrace, stackTraceLimit } = Error;
  let file: string | null | undefined;
  try {
    // V8 call sites name the file that runs: a file: URL for ESM, a path for CommonJS. One
    // is enough, and needed even where traces are turned off (--stack-trace-limit=0).
    Error.stackTraceLimit = 1;
    Error.prepareStackTrace = (_error, callSites) => callSites[0]?.getFileName();
    file = new Error().stack as unknown as string | null | undefined;
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    Error.stackTraceLimit = stackTraceLimit;
  }
  if (!file) throw new Error('anyctx-build/register: cannot tell where its own files are');
  return new URL('./', file.startsWith('file:') ? file : pathToFileURL(file));
}

/** The ESM load hooks' module, run by Node on its loader thread. */
export function hooksURL(dist: URL = distURL()): URL {
  return new URL('register-hooks.js', dist);
}

/** Whether a file (URL) is one of anyctx-build's or anyctx's own built files, never rewritten.
 * `runtime` is where anyctx/portable resolves (a path or a file: URL): every anyctx entry is
 * a file of that folder. */
export function ownFilesCheck(runtime: string, dist: URL = distURL()): (fileURL: string) => boolean {
  const prefixes = [dist.href, new URL('./', runtime.startsWith('file:') ? runtime : pathToFileURL(runtime)).href];
  return (fileURL) => prefixes.some((prefix) => fileURL.startsWith(prefix));
}
