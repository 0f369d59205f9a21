// CommonJS under the register entry: Node 20 does not pass require()d modules through the
// ESM load hooks, and ES modules importing CommonJS hand the file to the CommonJS loader
// too. Every such module is compiled by Module.prototype._compile, which is wrapped here.

import Module from 'node:module';
import { pathToFileURL } from 'node:url';
import { isRewritable, isTypeScript, typeScriptFormat } from './source-kinds';
import { redirectedSpecifier } from './portable-redirect';
import { rewrite } from './rewrite';

interface CommonJSLoader {
  prototype: { _compile(this: unknown, content: string, filename: string, format?: string): unknown };
  _resolveFilename(this: unknown, request: string, ...rest: unknown[]): string;
}

/** Node 22+ tells _compile the format; TypeScript formats it would strip itself. */
const FORMAT_AFTER_STRIPPING: Record<string, string | undefined> = {
  'commonjs-typescript': 'commonjs',
  'module-typescript': 'module',
  typescript: undefined,
};

/** `isOwn`: whether a file URL is one of the packages' own files (left as it is). */
export function hookCommonJS(isOwn: (fileURL: string) => boolean): void {
  const loader = Module as unknown as CommonJSLoader;
  const compile = loader.prototype._compile;
  let rewriting = false; // a module loaded while rewriting (the rewriter's own) runs as it is

  loader.prototype._compile = function (content, filename, format) {
    if (rewriting || !isRewritable(filename)) return compile.call(this, content, filename, format);
    const url = pathToFileURL(filename).href;
    if (isOwn(url)) return compile.call(this, content, filename, format);
    const nodeWouldStripTypes = format !== undefined && format in FORMAT_AFTER_STRIPPING;
    const typescript = nodeWouldStripTypes || isTypeScript(filename);
    let code: string | undefined;
    rewriting = true;
    try {
      code = rewrite(content, {
        filename,
        url,
        typescript,
        sourceType: sourceTypeOf(filename, typescript, format),
        // No import to resolve: CommonJS (and what Node 22+ may still find to be an ES
        // module) takes the helpers the installed engine put on globalThis.
        helpers: 'global',
      });
    } finally {
      rewriting = false;
    }
    return compile.call(this, code ?? content, filename, nodeWouldStripTypes ? FORMAT_AFTER_STRIPPING[format!] : format);
  };

  const resolveFilename = loader._resolveFilename;
  loader._resolveFilename = function (request, ...rest) {
    return resolveFilename.call(this, redirectedSpecifier(request), ...rest);
  };
}

function sourceTypeOf(filename: string, typescript: boolean, format: string | undefined): 'module' | 'commonjs' | 'unambiguous' {
  if (format === 'module' || format === 'module-typescript') return 'module';
  if (format === 'commonjs' || format === 'commonjs-typescript') return 'commonjs';
  // Node 20 names no format; TypeScript follows the extension and package.json, as for import.
  return typescript ? typeScriptFormat(filename) : 'unambiguous';
}
