// Automatic semicolon insertion, as far as text inserted between statements or after a
// `yield` is concerned: where a statement ends without its `;`, text that starts with `(`
// (or `[`, …) would continue it instead of starting anew.

interface Node {
  type: string;
  end: number;
  [key: string]: unknown;
}

/** Statements that end with a `;`, or where one was inserted for them. */
const TERMINATED = new Set([
  'ExpressionStatement', 'VariableDeclaration', 'ReturnStatement', 'ThrowStatement', 'BreakStatement', 'ContinueStatement',
  'DoWhileStatement', 'DebuggerStatement', 'ImportDeclaration', 'ExportAllDeclaration', 'ExportNamedDeclaration',
  'ExportDefaultDeclaration', 'TSTypeAliasDeclaration', 'TSImportEqualsDeclaration', 'TSExportAssignment',
  'TSNamespaceExportDeclaration', 'TSDeclareFunction',
]);

const DECLARES = /Declaration$|^TSDeclareFunction$/;

/** Whether a statement (or the last statement it ends with) ends without its `;`. */
export function endsUnterminated(statement: Node, code: string): boolean {
  let last: Node | null | undefined = statement;
  while (last) {
    if (code[last.end - 1] === ';') return false;
    switch (last.type) {
      case 'IfStatement':
        last = (last.alternate ?? last.consequent) as Node;
        continue;
      case 'ForStatement': case 'ForInStatement': case 'ForOfStatement': case 'WhileStatement': case 'WithStatement': case 'LabeledStatement':
        last = last.body as Node;
        continue;
      case 'ExportNamedDeclaration': case 'ExportDefaultDeclaration': {
        // `export function f() {}` ends as its declaration does; `export const`, `export { a }`
        // and `export default x` as a statement.
        const declaration = last.declaration as Node | null;
        if (typeof declaration?.type !== 'string' || declaration.type === 'VariableDeclaration' || !DECLARES.test(declaration.type)) return true;
        last = declaration;
        continue;
      }
      default:
        return TERMINATED.has(last.type);
    }
  }
  return false;
}

/**
 * Whether the next token after `at` (past spaces and comments) is on a later line and starts
 * with a character that would continue an expression: `(`, `[`, a template, `/`, `+`, `-`.
 */
export function continuesOnNextLine(code: string, at: number): boolean {
  const rest = /^(?:\s|\/\/[^\n\r\u2028\u2029]*|\/\*[\s\S]*?\*\/)*/.exec(code.slice(at))![0];
  return /[\n\r\u2028\u2029]/.test(rest) && '([`/+-'.includes(code[at + rest.length] ?? '');
}
