// 'generator creation', for both rewriters: a generator function runs only its parameter list
// when it is called, so the frame of that call (whose AsyncContext.Variable values its body
// sees: the runtime's core/generator-creation.ts) is captured there, by a rest parameter whose
// one property, a symbol no array has, defaults to it: `...{ [H.creation]: C = H.capture() }`.
// A sync generator's body files it first thing (`H.created(C);`), an async generator's with its
// frame (`H.enterGenerator(C)`).
//
// Not where that would change what the function does: it has a rest parameter already; its
// body has a 'use strict' directive (not allowed with a parameter list that is not simple); its
// body names `arguments` (sloppy-mode `arguments` stops following the parameters). Nor where
// the parameter list's `)` is not the last thing before the body (or a return type), spaces
// aside: there, a comment. The node shapes read here are the same in ESTree and in Babel's AST.

import type { NodeLike } from './suspension-points';

/** Where the rest parameter goes (before the list's `)`) and what precedes it there. */
export interface CreationParameter {
  at: number;
  separator: '' | ' ' | ', ';
}

const SPACE = /\s/;

function before(code: string, position: number): number {
  let at = position - 1;
  while (at >= 0 && SPACE.test(code[at]!)) at--;
  return at;
}

/**
 * Where a generator function's creation parameter goes, or undefined where it does not (see
 * above). `strict`: whether the body has a 'use strict' directive.
 */
export function creationParameter(code: string, fn: NodeLike, strict: boolean): CreationParameter | undefined {
  if (fn.generator !== true || strict) return undefined;
  if ((fn.params as NodeLike[]).some((param) => param.type === 'RestElement')) return undefined;
  const body = fn.body as NodeLike & { start: number; end: number };
  if (/\barguments\b/.test(code.slice(body.start, body.end))) return undefined;
  const returnType = fn.returnType as { start: number } | null | undefined;
  const close = before(code, returnType == null ? body.start : returnType.start);
  if (code[close] !== ')') return undefined;
  const last = code[before(code, close)];
  if (last === '/') return undefined;
  return { at: close, separator: last === '(' ? '' : last === ',' ? ' ' : ', ' };
}
