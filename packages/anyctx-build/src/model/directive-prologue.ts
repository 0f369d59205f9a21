// A directive prologue ('use strict', …) must stay first in its program or function body:
// inserted code goes after it, and stays apart from it. ESTree keeps directives among the
// statements (with a `directive` field); Babel's AST keeps them apart, and needs none of this.

interface Statement {
  type: string;
  end: number;
  directive?: unknown;
}

const isDirective = (statement: Statement) => statement.type === 'ExpressionStatement' && typeof statement.directive === 'string';

/** How many statements the prologue has. */
export function directiveCount(statements: readonly Statement[]): number {
  let count = 0;
  while (count < statements.length && isDirective(statements[count]!)) count++;
  return count;
}

/** Where code inserted after a directive prologue goes: after its last directive, or at `start`. */
export function afterPrologue(statements: readonly Statement[], start: number): number {
  const count = directiveCount(statements);
  return count === 0 ? start : statements[count - 1]!.end;
}

/**
 * What text inserted right after the prologue starts with: a `;` where the last directive
 * has none (`'use strict'` then a line break), so that it stays a directive and our
 * statement starts a new one.
 */
export function prologueEnd(statements: readonly Statement[], code: string): string {
  const count = directiveCount(statements);
  return count > 0 && code[statements[count - 1]!.end - 1] !== ';' ? ';' : '';
}
