// How either rewriter recognises code that one of them rewrote before: by its structure, so
// that a bundler renaming the bindings, or a string that happens to spell them, changes
// nothing. The shapes are the same in ESTree and in Babel's AST.

import type { HelperName } from 'anyctx/protocol';

/** The helpers that make a frame; a rewritten body declares the frame first. */
const ENTER_HELPERS: ReadonlySet<unknown> = new Set<HelperName>(['enter', 'enterGenerator']);
/** The helpers a rewritten body ends with: a function's finally, a module body's last statement. */
const END_HELPERS: ReadonlySet<unknown> = new Set<HelperName>(['leave', 'disposing']);

interface NodeLike {
  type?: unknown;
  [key: string]: unknown;
}
const isIdentifier = (node: unknown): node is NodeLike => (node as NodeLike | null)?.type === 'Identifier';
const sameName = (a: unknown, b: unknown) => isIdentifier(a) && isIdentifier(b) && a.name === b.name;

/** `H.method(...)` with one of `methods`: the helpers' binding H, or undefined. */
function helperCall(node: unknown, methods: ReadonlySet<unknown>): NodeLike | undefined {
  const call = node as NodeLike | null;
  if (call?.type !== 'CallExpression') return undefined;
  const callee = call.callee as NodeLike;
  if (callee.type !== 'MemberExpression' || callee.computed !== false || !isIdentifier(callee.object)) return undefined;
  return isIdentifier(callee.property) && methods.has(callee.property.name) ? callee.object : undefined;
}

/** `const F = H.enter()` (or `H.enterGenerator()`, `H.enterGenerator(C)`): F and H, whatever they are called. */
function frameEntry(statement: unknown): { frame: NodeLike; helpers: NodeLike } | undefined {
  const node = statement as NodeLike | null;
  if (node?.type !== 'VariableDeclaration' || node.kind !== 'const') return undefined;
  const declarators = node.declarations as NodeLike[];
  if (declarators.length !== 1 || !isIdentifier(declarators[0]!.id)) return undefined;
  const init = declarators[0]!.init as NodeLike | null;
  const helpers = helperCall(init, ENTER_HELPERS);
  // No argument, or an async generator's creation frame (model/generator-creation.ts).
  const args = helpers === undefined ? [] : (init!.arguments as unknown[]);
  return helpers !== undefined && (args.length === 0 || (args.length === 1 && isIdentifier(args[0]))) ? { frame: declarators[0]!.id as NodeLike, helpers } : undefined;
}

/** `let V;` */
const isAwaitedDeclaration = (statement: unknown) => {
  const node = statement as NodeLike | null;
  const declarators = node?.declarations as NodeLike[] | undefined;
  return node?.type === 'VariableDeclaration' && node.kind === 'let' && declarators!.length === 1 && isIdentifier(declarators![0]!.id) && declarators![0]!.init == null;
};

/** `H.leave(F)` (or `H.disposing(F)`) for this frame and helpers. */
const isFrameEnd = (statement: unknown, entry: { frame: NodeLike; helpers: NodeLike }) => {
  const node = statement as NodeLike | null;
  if (node?.type !== 'ExpressionStatement') return false;
  const call = node.expression as NodeLike;
  return sameName(helperCall(call, END_HELPERS), entry.helpers) && (call.arguments as unknown[]).length === 1 && sameName((call.arguments as unknown[])[0], entry.frame);
};

/**
 * Whether a function body's statements (after its directives) are the rewrite's, whatever a
 * bundler renamed: `const F = H.enter(); let V; try { … } finally { H.leave(F); }` and
 * nothing else. Such a function was rewritten before and is left as it is.
 */
export function isRewrittenBody(statements: readonly unknown[]): boolean {
  const entry = frameEntry(statements[0]);
  if (entry === undefined || statements.length !== 3 || !isAwaitedDeclaration(statements[1])) return false;
  const wrapper = statements[2] as NodeLike;
  const finalizer = wrapper.type === 'TryStatement' ? (wrapper.finalizer as NodeLike | null) : null;
  return finalizer != null && (finalizer.body as unknown[]).length === 1 && isFrameEnd((finalizer.body as unknown[])[0], entry);
}

/**
 * Whether a module body was rewritten before: its frame is made (`const F = H.enter(); let V;`)
 * and put back by a later top-level `H.leave(F)` or `H.disposing(F)`. A bundle of rewritten
 * modules has one such pair for each module that awaits at its top level.
 */
export function isRewrittenModuleBody(statements: readonly unknown[]): boolean {
  return statements.some((statement, i) => {
    const entry = frameEntry(statement);
    return entry !== undefined && isAwaitedDeclaration(statements[i + 1]) && statements.slice(i + 2).some((later) => isFrameEnd(later, entry));
  });
}
