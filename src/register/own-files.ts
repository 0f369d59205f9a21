// Where asyncctx's own built files are, found from the running bundle itself: the register
// entry and its hooks module are built into dist/ next to the portable engine, in ESM and
// CommonJS, and `import.meta.url` exists only in the ESM build.

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
  if (!file) throw new Error('asyncctx/register: cannot tell where its own files are');
  return new URL('./', file.startsWith('file:') ? file : pathToFileURL(file));
}

export interface OwnFiles {
  /** The module `import 'asyncctx/portable'` resolves to on Node (package.json "exports"),
   * so rewritten ES modules get their helpers from the engine the register entry installed. */
  portableModule: string;
  /** The ESM load hooks, run by Node on its loader thread. */
  hooks: string;
  /** Whether a file (URL or path) is one of asyncctx's own built files, never rewritten. */
  contains(fileURL: string): boolean;
}

export function ownFiles(dist: URL = distURL()): OwnFiles {
  const prefix = dist.href;
  return {
    portableModule: new URL('portable.node.mjs', dist).href,
    hooks: new URL('register-hooks.js', dist).href,
    contains: (fileURL) => fileURL.startsWith(prefix),
  };
}
