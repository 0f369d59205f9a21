// When the await rewrite leaves code as it was, for the invariant (test/rewrite/invariant.mjs):
// the test's own statement of the rule in README.md ("Functions the rewrite leaves as they
// were"), written from that description and not from anyctx-build's src/model/wrappable-body.ts, so
// that the two can disagree. An async function (or the module body) that meets the rule
// keeps its own suspension points as they were; the functions in it are rewritten on their own.
//
// (a) The function body's top-level statements declare a function and a `var` of one name
//     (the `var` anywhere in the body outside nested functions and classes), or two
//     functions of one name: allowed at a function's top level, not in the block that
//     `try { … } finally { … }` makes of it.
// (b) A block of its own (the function body included; for the module body, the blocks in it,
//     not its top level, which is not split) whose first `await using` is followed by a
//     statement that declares a function, class, `let` or `const` whose name appears as an
//     identifier (a JSX element's name too) in the statements up to that `await using`: the
//     rest of the block would be moved into a block of its own, out of their reach. A later
//     `using` or `await using` is a `const` there too (its value is declared as one, before
//     its stand-in).
import { childrenOf, isFunction, isNode, patternNames } from './estree.mjs';

/** Whether the rewrite leaves an async function's own suspension points as they were. */
export function functionLeftAsItWas(fn) {
  if (!fn.async || fn.body?.type !== 'BlockStatement') return false;
  return redeclaresAtTopLevel(fn.body.body) || hasUnsplittableBlock(fn.body);
}

/** Whether the rewrite leaves the module body's own suspension points as they were (rule b). */
export const moduleBodyLeftAsItWas = (program) => program.body.some(hasUnsplittableBlock);

/** (a): two functions of one name, or a function and a `var` of one name. */
function redeclaresAtTopLevel(statements) {
  const functions = statements.filter((s) => s.type === 'FunctionDeclaration' && s.id).map((s) => s.id.name);
  if (new Set(functions).size < functions.length) return true;
  const vars = new Set();
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isNode(node) || isFunction(node) || node.type === 'ClassDeclaration' || node.type === 'ClassExpression') return;
    if (node.type === 'VariableDeclaration' && node.kind === 'var') node.declarations.forEach((d) => patternNames(d.id).forEach((n) => vars.add(n)));
    for (const [, value] of childrenOf(node)) visit(value);
  };
  // Its function declarations are nested functions: their vars are their own.
  visit(statements);
  return functions.some((name) => vars.has(name));
}

/** (b): a block of this code (a function body is one), outside nested functions, that cannot be split at its first `await using`. */
function hasUnsplittableBlock(node) {
  if (Array.isArray(node)) return node.some(hasUnsplittableBlock);
  if (!isNode(node)) return false;
  if (node.type === 'BlockStatement' && !splittable(node.body)) return true;
  if (isFunction(node)) return false;
  for (const [, value] of childrenOf(node)) if (hasUnsplittableBlock(value)) return true;
  return false;
}

/** Whether a block's statements can be split at their first `await using`. */
function splittable(statements) {
  const first = statements.findIndex((s) => s.type === 'VariableDeclaration' && s.kind === 'await using');
  if (first === -1) return true;
  const later = new Set(statements.slice(first + 1).flatMap((s) => {
    if ((s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration') && s.id) return [s.id.name];
    if (s.type === 'VariableDeclaration' && s.kind !== 'var') return s.declarations.flatMap((d) => patternNames(d.id));
    return [];
  }));
  return later.size === 0 || !identifierNames(statements.slice(0, first + 1)).some((name) => later.has(name));
}

/** The name of every identifier in these nodes, nested functions included. */
function identifierNames(node, names = []) {
  if (Array.isArray(node)) {
    for (const child of node) identifierNames(child, names);
  } else if (isNode(node)) {
    if (node.type === 'Identifier' || node.type === 'JSXIdentifier') names.push(node.name);
    for (const [, value] of childrenOf(node)) identifierNames(value, names);
  }
  return names;
}
