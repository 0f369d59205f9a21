// How a rewritten file brings the helpers in, decided alike by both rewriters: an ESM import
// (files with module syntax), a CommonJS require, or the global the portable engine sets
// (scripts); and which export it imports (the basic helpers where they are all it calls).

import { BASIC_HELPERS_EXPORT, BASIC_HELPER_NAMES, HELPERS_EXPORT } from 'anyctx/protocol';

export type HelperStyle = 'import' | 'require' | 'global';
/** The styles a file with neither module syntax nor CommonJS can take. */
export type PlainFileStyle = 'import' | 'global';
export const HELPER_STYLES: readonly HelperStyle[] = ['import', 'require', 'global'];
export const PLAIN_FILE_STYLES: readonly PlainFileStyle[] = ['import', 'global'];

/** A file's module system by its extension alone (.mjs/.mts, .cjs/.cts), or undefined. */
export function moduleKindOf(filename: string): 'module' | 'commonjs' | undefined {
  if (/\.(mjs|mts)$/.test(filename)) return 'module';
  if (/\.(cjs|cts)$/.test(filename)) return 'commonjs';
  return undefined;
}

/** What marks a file as CommonJS when its extension does not: a `require(`, `module.exports`, `exports.x`. */
const COMMONJS = /\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w/;

export interface FileTraits {
  filename: string;
  /** Import or export statements, or syntax only a module has (top-level await, import.meta). */
  hasModuleSyntax: boolean;
  code: string;
  /** The style for a file with neither module syntax nor CommonJS. */
  plain: PlainFileStyle;
}

export function detectHelperStyle({ filename, hasModuleSyntax, code, plain }: FileTraits): HelperStyle {
  const kind = moduleKindOf(filename);
  if (kind === 'module' || hasModuleSyntax) return 'import';
  if (kind === 'commonjs' || COMMONJS.test(code)) return 'require';
  return plain;
}

const BASIC_HELPERS: ReadonlySet<string> = new Set(BASIC_HELPER_NAMES);

/** The export a file imports, given the helpers its rewritten code calls. */
export function helpersExportFor(used: Iterable<string>): string {
  for (const name of used) if (!BASIC_HELPERS.has(name)) return HELPERS_EXPORT;
  return BASIC_HELPERS_EXPORT;
}
