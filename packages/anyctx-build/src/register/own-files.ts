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

export interface OwnFiles {
  /** The ESM load hooks, run by Node on its loader thread. */
  hooks: string;
  /** Whether a file (URL) is one of anyctx's or anyctx-build's own built files, never rewritten. */
  contains(fileURL: string): boolean;
}

/** The module `import 'anyctx/portable'` resolves to from here, by the runtime's package.json
 * "exports" (its CommonJS build for `require`, the ESM file Node's `import` gets for `import`). */
export type RuntimeModule = string;

export function ownFiles(runtime: RuntimeModule, dist: URL = distURL()): OwnFiles {
  // Every anyctx entry is a file of its dist/: the folder of the one resolved is all of them.
  const prefixes = [dist.href, new URL('./', runtime.startsWith('file:') ? runtime : pathToFileURL(runtime)).href];
  return {
    hooks: new URL('register-hooks.js', dist).href,
    contains: (fileURL) => prefixes.some((prefix) => fileURL.startsWith(prefix)),
  };
}
