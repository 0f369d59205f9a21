// What an async function returns, for both rewriters: the engine calls a returned thenable's
// `then` in a later job, where Node calls it in the function's context, so every `return E`
// of an async function (with or without an await in it; not an async generator's, whose
// return awaits E) and every expression body of an async arrow hands E through the helper
// resolving(). Not where E cannot be a thenable: a primitive by its syntax; an await's result,
// which a resolve already unwrapped; a fresh array, function or object literal without a
// `then` of its own (a thenable only if Object.prototype or Array.prototype had a `then`, and
// then every resolve of every object would call it: no program runs so). Nor where E already
// goes through the helper
// (code rewritten before: a call `X.resolving(E)` or `X.resolving(E, F)`, whatever X and F are called).
// The node shapes read here are the same in ESTree and in Babel's AST.

import type { HelperName } from 'anyctx/protocol';
import type { NodeLike } from './suspension-points';

const RESOLVING: HelperName = 'resolving';

/** Literals of primitive values (Babel's names; ESTree's `Literal` is told by its `regex`). */
const PRIMITIVE_LITERALS: ReadonlySet<string> = new Set([
  'StringLiteral', 'NumericLiteral', 'BooleanLiteral', 'NullLiteral', 'BigIntLiteral', 'DecimalLiteral', 'TemplateLiteral',
]);
/** Wrappers whose value is their `expression`'s: parentheses kept as nodes, type assertions. */
const TRANSPARENT: ReadonlySet<string> = new Set([
  'ParenthesizedExpression', 'TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion',
  'TSInstantiationExpression', 'TypeCastExpression',
]);
/** Assignments whose value is the right side's (`=`) or either side's (the logical ones): any other gives a number, bigint or string. */
const LOGICAL_ASSIGNMENTS: ReadonlySet<unknown> = new Set(['&&=', '||=', '??=']);

/** Whether an expression's value may be a thenable, by its syntax alone. */
export function mayBeThenable(node: NodeLike): boolean {
  if (PRIMITIVE_LITERALS.has(node.type)) return false;
  if (TRANSPARENT.has(node.type)) return mayBeThenable(node.expression as NodeLike);
  switch (node.type) {
    case 'Literal':
      // A regular expression is an object (ESTree gives it a `regex`).
      return node.regex != null;
    case 'UnaryExpression':
    case 'UpdateExpression':
    case 'AwaitExpression':
    case 'ArrayExpression':
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return false;
    case 'ObjectExpression':
      return (node.properties as NodeLike[]).some(mayMakeThenable);
    case 'BinaryExpression':
      // Every binary operator gives a primitive, but for Babel's pipeline `|>`.
      return node.operator === '|>';
    case 'LogicalExpression':
      return mayBeThenable(node.left as NodeLike) || mayBeThenable(node.right as NodeLike);
    case 'ConditionalExpression':
      return mayBeThenable(node.consequent as NodeLike) || mayBeThenable(node.alternate as NodeLike);
    case 'SequenceExpression':
      return mayBeThenable((node.expressions as NodeLike[]).at(-1)!);
    case 'AssignmentExpression':
      return node.operator === '=' ? mayBeThenable(node.right as NodeLike) : LOGICAL_ASSIGNMENTS.has(node.operator);
    default:
      return true;
  }
}

/** Whether an object literal's member may give it a `then` (or another prototype): a spread, a computed key, `then` or `__proto__`. */
function mayMakeThenable(member: NodeLike): boolean {
  if (member.computed === true || !/^(?:Property|ObjectProperty|ObjectMethod)$/.test(member.type)) return true;
  const key = member.key as NodeLike;
  const name = key.type === 'Identifier' ? key.name : key.value;
  return name === 'then' || name === '__proto__';
}

/** `X.resolving(E)` or `X.resolving(E, F)`: a value handed through the helper already (code rewritten before). */
export function isResolvingCall(node: NodeLike): boolean {
  const args = node.arguments as NodeLike[] | undefined;
  if (node.type !== 'CallExpression' || node.optional === true || (args!.length !== 1 && (args!.length !== 2 || args![1]!.type !== 'Identifier'))) return false;
  const callee = node.callee as NodeLike;
  const property = callee.property as NodeLike;
  return callee.type === 'MemberExpression' && callee.computed === false && callee.optional !== true &&
    (callee.object as NodeLike).type === 'Identifier' && property.type === 'Identifier' && property.name === RESOLVING &&
    (node.arguments as NodeLike[])[0]!.type !== 'SpreadElement';
}

/** Whether a returned expression (or an async arrow's expression body) goes through resolving(). */
export function resolvesThrough(node: NodeLike): boolean {
  return mayBeThenable(node) && !isResolvingCall(node);
}
