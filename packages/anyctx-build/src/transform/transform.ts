// The await transform: rewrites every suspension point of async code so that the context
// (the frame) current just after the awaited expression is evaluated is current again when
// the function resumes, and the frame found at resumption is put back when it suspends,
// returns or throws. Text is only inserted, except for the few tokens an `await using`
// declaration and a loop head declaring one are rewritten by, so TypeScript and JSX stay
// intact, every line stays on its line, and the source map is exact. The helpers are in
// the runtime's core/async-function.ts, async-generator-body.ts, loop-iterators.ts and await-disposers.ts.

import { parseSync } from 'oxc-parser';
import { MagicString } from 'magic-string';
import { collectEdits, type Program } from './walk';
import { collidingWords, generatedNames } from '../model/names';
import { afterPrologue, prologueEnd } from '../model/directive-prologue';
import { detectHelperStyle, helpersExportFor, moduleKindOf, type HelperStyle, type PlainFileStyle } from '../model/helper-style';
import { helpersDeclarationText } from '../model/shapes';
import { MAY_REWRITE } from '../model/suspension-points';

export interface TransformOptions {
  /** Used to pick the language (.ts, .tsx, .jsx, …) and as the source name in the map. */
  filename?: string;
  /** Emit a source map (default true). */
  sourceMap?: boolean;
  /** Where the helpers come from (default 'anyctx/portable'). */
  runtime?: string;
  /** How the helpers are brought in: an ESM import, a CommonJS require, or a global the
   * portable engine sets (for scripts). Default: 'import' for files with module syntax,
   * 'require' for CommonJS files, 'global' otherwise. */
  helpers?: HelperStyle;
  /** The style for a file with neither module syntax nor CommonJS (default 'global'). A
   * bundler treats every file as a module, so its plugins ask for 'import'. */
  plainFileHelpers?: PlainFileStyle;
}

export interface TransformResult {
  code: string;
  map: ReturnType<MagicString['generateMap']> | null;
  /** Whether anything was rewritten. */
  changed: boolean;
}

export function transform(code: string, options: TransformOptions = {}): TransformResult {
  const filename = options.filename ?? 'input.js';
  if (!MAY_REWRITE.test(code)) return { code, map: null, changed: false };

  let parsed = parseSync(filename, code, { sourceType: sourceTypeOf(filename), preserveParens: true });
  if (parsed.errors.length > 0 && sourceTypeOf(filename) === 'unambiguous') {
    // A file whose only module feature is a top-level `for await` is not recognised as one.
    const asModule = parseSync(filename, code, { sourceType: 'module', preserveParens: true });
    if (asModule.errors.length === 0) parsed = asModule;
  }
  if (parsed.errors.length > 0) {
    const first = parsed.errors[0]!;
    throw new SyntaxError(`${filename}: ${first.message}`);
  }
  const program = parsed.program as unknown as Program;
  const bodyStart = code.startsWith('#!') ? code.indexOf('\n') + 1 : 0;
  const names = generatedNames(collidingWords(code));
  const edits = collectEdits(program, code, bodyStart, names);
  if (edits.length === 0) return { code, map: null, changed: false };

  const s = new MagicString(code);
  // The helpers first, after the hashbang line and the directive prologue ("use strict" must
  // stay first): a module's own frame (top-level await) is declared at the same place.
  const helperStyle = options.helpers ??
    detectHelperStyle({ filename, hasModuleSyntax: parsed.module.hasModuleSyntax, code, plain: options.plainFileHelpers ?? 'global' });
  const helperCall = new RegExp(`\\b${names.helpers}\\.(\\w+)\\(`, 'g');
  const exported = helpersExportFor(edits.flatMap((edit) => [...edit.text.matchAll(helperCall)].map((call) => call[1]!)));
  const declaration = helpersDeclarationText(helperStyle, options.runtime ?? 'anyctx/portable', exported, names.helpers);
  s.appendLeft(afterPrologue(program.body, bodyStart), prologueEnd(program.body, code) + declaration);
  // Overwrites first: text inserted where one ends then stays.
  for (const edit of edits) {
    if (edit.end !== undefined) s.overwrite(edit.at, edit.end, apart(code, edit.at, edit.text) + lineBreaks(code.slice(edit.at, edit.end)));
  }
  for (const edit of edits) if (edit.end === undefined) s.appendLeft(edit.at, apart(code, edit.at, edit.text));

  return {
    code: s.toString(),
    map: options.sourceMap === false ? null : s.generateMap({ source: filename, includeContent: true, hires: 'boundary' }),
    changed: true,
  };
}

const WORD_END = /[\p{ID_Continue}$\u200c\u200d]$/u;
const WORD_START = /^[\p{ID_Start}$_]/u;
/** Text that starts a word where the code's own word ends (`await(x)`, `yield[a]` in minified
 * code) is set apart by a space, so that the two do not make one identifier. */
const apart = (code: string, at: number, text: string) =>
  WORD_START.test(text) && WORD_END.test(code.slice(Math.max(0, at - 2), at)) ? ` ${text}` : text;

/** The line breaks of replaced text, kept so that every later line keeps its number. */
const lineBreaks = (text: string) => text.replace(/[^\n]/g, '');

function sourceTypeOf(filename: string): 'module' | 'commonjs' | 'unambiguous' {
  return moduleKindOf(filename) ?? 'unambiguous';
}
