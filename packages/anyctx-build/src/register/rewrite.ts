// One module's source to the code Node runs under the register entry: the await rewrite,
// then (for TypeScript) type stripping, with one source map from the original text to the
// result, inline.

import remapping from '@jridgewell/remapping';
import { transform } from '../transform/transform';
import { stripTypes } from './strip-types';
import { withInlineSourceMap, type RawSourceMap } from './inline-source-map';

export interface RewriteOptions {
  /** The file's path: picks the parser's language; named in errors. */
  filename: string;
  /** The file's URL: where the source map sends stack traces. */
  url: string;
  typescript: boolean;
  sourceType: 'module' | 'commonjs' | 'unambiguous';
}
/** How rewritten code reaches the await helpers (see `transform`'s `helpers`): imported from
 * the runtime module, or from the global the installed engine holds them in. */
type HelpersFrom = { helpers: 'import'; runtime: string } | { helpers: 'global'; runtime?: undefined };

/** The code to run, or undefined when the module can run as it is. */
export function rewrite(source: string, options: RewriteOptions & HelpersFrom): string | undefined {
  const awaits = rewriteAwaits(source, options);
  if (!options.typescript) return awaits === undefined ? undefined : withInlineSourceMap(awaits.code, awaits.map, options.url);

  const stripped = stripTypes(awaits?.code ?? source, options.filename, options.sourceType);
  const map = awaits === undefined
    ? (stripped.map as RawSourceMap)
    : (remapping([stripped.map as never, awaits.map as never], () => null) as unknown as RawSourceMap);
  return withInlineSourceMap(stripped.code, map, options.url);
}

function rewriteAwaits(source: string, options: RewriteOptions & HelpersFrom): { code: string; map: RawSourceMap } | undefined {
  try {
    const result = transform(source, { filename: options.filename, helpers: options.helpers, runtime: options.runtime });
    return result.changed ? { code: result.code, map: result.map as unknown as RawSourceMap } : undefined;
  } catch (error) {
    // Most likely a syntax error, which Node reports better when it compiles the file itself;
    // if Node accepts what the parser did not, the module runs without the rewrite — say so.
    process.emitWarning(`${(error as Error).message} (anyctx-build/register runs ${options.filename} without the await rewrite)`, { code: 'ANYCTX_NOT_REWRITTEN' });
    return undefined;
  }
}
