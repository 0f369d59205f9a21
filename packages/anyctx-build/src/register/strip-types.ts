// TypeScript to JavaScript for the register entry: oxc-transform removes the types (and
// compiles enums, namespaces and parameter properties), nothing else; its map points
// back at the text it was given.

import { transformSync, type SourceMap } from 'oxc-transform';

export function stripTypes(code: string, filename: string, sourceType: 'module' | 'commonjs' | 'unambiguous'): { code: string; map: SourceMap } {
  const result = transformSync(filename, code, { lang: 'ts', sourceType, sourcemap: true });
  const error = result.errors.find((e) => e.severity === 'Error');
  if (error !== undefined) throw new SyntaxError(`${filename}: ${error.message}${error.codeframe ? `\n${error.codeframe}` : ''}`);
  return { code: sourceType === 'commonjs' ? withoutEmptyExport(result.code) : result.code, map: result.map! };
}

/** oxc ends a file whose imports were all type imports with `export {};`, which would make
 * Node take CommonJS for an ES module. It is the last statement, so the map stays right. */
function withoutEmptyExport(code: string): string {
  return code.replace(/(^|\n)export \{\};\n?$/, '$1');
}
