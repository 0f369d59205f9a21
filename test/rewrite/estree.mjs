// Small ESTree helpers shared by the await rewrite's invariant (test/rewrite/invariant.mjs),
// its map-back (test/rewrite/map-back.mjs) and its rule for code left as it was
// (test/rewrite/left-as-it-was.mjs): walking nodes, telling names from property keys, code
// rewritten before by its whole shape, the names a pattern or a block declares, and which
// names a piece of code refers to.

export const isNode = (value) => typeof value === 'object' && value !== null && typeof value.type === 'string';
export const isIdentifier = (node, name) => node?.type === 'Identifier' && node.name === name;
export const isFunction = (node) =>
  node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
export const POSITION_KEYS = new Set(['start', 'end', 'range', 'loc']);

/** Child values of a node, with the key that holds each. */
export function* childrenOf(node) {
  for (const key in node) {
    if (key === 'type' || POSITION_KEYS.has(key)) continue;
    const value = node[key];
    if (typeof value === 'object' && value !== null) yield [key, value];
  }
}

/** Identifier positions that are not variable names: property keys, labels, import/export names. */
export function isNameOnly(parent, key) {
  switch (parent.type) {
    case 'MemberExpression':
      return key === 'property' && !parent.computed;
    case 'Property':
    case 'MethodDefinition':
    case 'PropertyDefinition':
    case 'AccessorProperty':
    case 'TSPropertySignature':
    case 'TSMethodSignature':
    case 'TSAbstractMethodDefinition':
    case 'TSAbstractPropertyDefinition':
      return key === 'key' && !parent.computed;
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return key === 'label';
    case 'ImportSpecifier':
      return key === 'imported';
    case 'ExportSpecifier':
      return key === 'exported';
    case 'MetaProperty':
      return true;
    default:
      return false;
  }
}

/** `const X = Y.enter()` (or enterGenerator(), enterGenerator(C)): how a frame is made. */
export const isFrameDeclaration = (statement) => {
  if (statement?.type !== 'VariableDeclaration' || statement.kind !== 'const' || statement.declarations.length !== 1) return false;
  const { id, init } = statement.declarations[0];
  return (
    id.type === 'Identifier' && init?.type === 'CallExpression' &&
    (init.arguments.length === 0 || (init.arguments.length === 1 && init.arguments[0].type === 'Identifier' && init.callee.property?.name === 'enterGenerator')) &&
    init.callee.type === 'MemberExpression' && !init.callee.computed &&
    (init.callee.property.name === 'enter' || init.callee.property.name === 'enterGenerator')
  );
};

/**
 * Whether statements (a function body's, after its directives) are a rewritten body:
 * `const F = H.enter(); let V; try { … } finally { H.leave(F); }`, whatever F, V and H are
 * called. A body that merely opens with `const lock = mutex.enter()` is not one.
 */
export function isRewrittenBody(statements) {
  const [declaration, local, attempt, ...more] = statements;
  if (more.length > 0 || !isFrameDeclaration(declaration)) return false;
  const frame = declaration.declarations[0].id.name;
  const helpers = declaration.declarations[0].init.callee.object;
  const leave = attempt?.type === 'TryStatement' && attempt.handler === null && attempt.finalizer?.body.length === 1 ? attempt.finalizer.body[0].expression : null;
  return helpers.type === 'Identifier' && isAwaitedDeclaration(local) && isFrameEnd(leave, helpers.name, frame, ['leave']);
}

/**
 * Whether a module body was rewritten before: `const F = H.enter(); let V;` somewhere at its
 * top level, and later `H.leave(F);` or `H.disposing(F);` (a bundle of rewritten modules has
 * one such pair for each module that awaits at its top level).
 */
export function isRewrittenModuleBody(statements) {
  return statements.some((statement, i) => {
    if (!isFrameDeclaration(statement) || !isAwaitedDeclaration(statements[i + 1])) return false;
    const { id, init } = statement.declarations[0];
    const helpers = init.callee.object;
    return helpers.type === 'Identifier' &&
      statements.slice(i + 2).some((later) => isFrameEnd(later?.expression, helpers.name, id.name, ['leave', 'disposing']));
  });
}

/** `let V;` */
const isAwaitedDeclaration = (statement) =>
  statement?.type === 'VariableDeclaration' && statement.kind === 'let' && statement.declarations.length === 1 &&
  statement.declarations[0].id.type === 'Identifier' && statement.declarations[0].init === null;

/** `H.leave(F)` (or another of `methods`) for these helpers and frame. */
const isFrameEnd = (call, helpers, frame, methods) =>
  call?.type === 'CallExpression' && call.callee.type === 'MemberExpression' && !call.callee.computed &&
  isIdentifier(call.callee.object, helpers) && methods.includes(call.callee.property.name) &&
  call.arguments.length === 1 && isIdentifier(call.arguments[0], frame);

/** Whether a node refers to a variable: a name that is not a key or label, or a JSX element's
 * name that is not an intrinsic (`<A />`, `<a.b />`, not `<div />`). */
function isReference(node, parent, key) {
  if (node.type === 'Identifier') return !isNameOnly(parent, key);
  if (node.type !== 'JSXIdentifier') return false;
  if (parent.type === 'JSXMemberExpression') return key === 'object';
  return (parent.type === 'JSXOpeningElement' || parent.type === 'JSXClosingElement') && /^[^a-z]/.test(node.name) && node.name !== 'this';
}

export const isDirective = (statement) => statement?.type === 'ExpressionStatement' && typeof statement.directive === 'string';

/** The names a binding pattern declares. */
export function patternNames(pattern, names = []) {
  if (!isNode(pattern)) return names;
  switch (pattern.type) {
    case 'Identifier':
      names.push(pattern.name);
      break;
    case 'ObjectPattern':
      for (const property of pattern.properties) patternNames(property.type === 'RestElement' ? property : property.value, names);
      break;
    case 'ArrayPattern':
      for (const element of pattern.elements) patternNames(element, names);
      break;
    case 'AssignmentPattern':
      patternNames(pattern.left, names);
      break;
    case 'RestElement':
      patternNames(pattern.argument, names);
      break;
    case 'TSParameterProperty':
      patternNames(pattern.parameter, names);
      break;
  }
  return names;
}

/** The names a statement declares in the scope it is in (var in nested blocks aside). */
export function declaredBy(statement) {
  switch (statement.type) {
    case 'VariableDeclaration':
      return statement.declarations.flatMap((declarator) => patternNames(declarator.id));
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
      return statement.id ? [statement.id.name] : [];
    case 'ImportDeclaration':
      return statement.specifiers.map((specifier) => specifier.local.name);
    case 'ExportNamedDeclaration':
    case 'ExportDefaultDeclaration':
      return statement.declaration && isNode(statement.declaration) ? declaredBy(statement.declaration) : [];
    default:
      return [];
  }
}

/** The names a statement list declares in its own block: let, const, class, function, using. */
export function lexicalNames(statements) {
  return statements.flatMap((statement) => {
    if (statement.type === 'VariableDeclaration') return statement.kind === 'var' ? [] : statement.declarations.flatMap((d) => patternNames(d.id));
    if (statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') return statement.id ? [statement.id.name] : [];
    return [];
  });
}

/** The names a function body declares for the whole function: var, and functions in its blocks (nested functions aside). */
function functionScopedNames(node, names = []) {
  if (Array.isArray(node)) {
    for (const child of node) functionScopedNames(child, names);
    return names;
  }
  if (!isNode(node)) return names;
  if (node.type === 'VariableDeclaration' && node.kind === 'var') names.push(...node.declarations.flatMap((d) => patternNames(d.id)));
  if (node.type === 'FunctionDeclaration' && node.id) names.push(node.id.name);
  if (isFunction(node)) return names;
  for (const [, value] of childrenOf(node)) functionScopedNames(value, names);
  return names;
}

/** The names a node declares for the code inside it (a function's parameters, a block's declarations, …). */
function scopeNames(node) {
  if (isFunction(node)) {
    const body = node.body?.type === 'BlockStatement' ? node.body.body : [];
    return [...(node.type === 'FunctionExpression' && node.id ? [node.id.name] : []), ...node.params.flatMap((p) => patternNames(p)),
      ...lexicalNames(body), ...functionScopedNames(body)];
  }
  switch (node.type) {
    case 'BlockStatement':
    case 'StaticBlock':
      return lexicalNames(node.body);
    case 'SwitchStatement':
      return lexicalNames(node.cases.flatMap((c) => c.consequent));
    case 'ForStatement':
      return node.init?.type === 'VariableDeclaration' ? lexicalNames([node.init]) : [];
    case 'ForInStatement':
    case 'ForOfStatement':
      return node.left.type === 'VariableDeclaration' ? lexicalNames([node.left]) : [];
    case 'CatchClause':
      return patternNames(node.param);
    case 'ClassExpression':
      return node.id ? [node.id.name] : [];
    default:
      return [];
  }
}

/** The first of `names` that `statements` refer to where no scope inside them declares it again, or undefined. */
export function referencedFreely(statements, names) {
  const visit = (node, parent, key, shadowed) => {
    if (Array.isArray(node)) {
      for (const child of node) {
        const found = visit(child, parent, key, shadowed);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (!isNode(node)) return undefined;
    if (isReference(node, parent, key) && names.has(node.name) && !shadowed.has(node.name)) return node.name;
    const declared = scopeNames(node).filter((name) => names.has(name));
    const inner = declared.length === 0 ? shadowed : new Set([...shadowed, ...declared]);
    for (const [childKey, value] of childrenOf(node)) {
      const found = visit(value, node, childKey, inner);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return visit(statements, { type: 'Program' }, 'body', new Set());
}

/**
 * Whether an expression's value may be a thenable, by its syntax: the rule of docs/transform.md
 * ("Returns of async functions"), written here from its words and not from anyctx-build's
 * src/model/returned-values.ts. Not a primitive (a literal other than a regular expression, a
 * template, a unary, update or binary operation, an assignment other than `=` and the logical
 * ones), an await's result, a fresh array or function, an object literal without a spread, a
 * computed key, or a key `then` or `__proto__`; through parentheses, type assertions, `=`,
 * the branches of `?:` and `&&`-like operators, and the last of a comma sequence.
 */
export function mayBeThenable(node) {
  switch (node.type) {
    case 'Literal':
      return node.regex != null;
    case 'TemplateLiteral':
    case 'UnaryExpression':
    case 'UpdateExpression':
    case 'BinaryExpression':
    case 'AwaitExpression':
    case 'ArrayExpression':
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return false;
    case 'ObjectExpression':
      return node.properties.some((p) => p.type !== 'Property' || p.computed || ['then', '__proto__'].includes(p.key.name ?? p.key.value));
    case 'LogicalExpression':
      return mayBeThenable(node.left) || mayBeThenable(node.right);
    case 'ConditionalExpression':
      return mayBeThenable(node.consequent) || mayBeThenable(node.alternate);
    case 'SequenceExpression':
      return mayBeThenable(node.expressions.at(-1));
    case 'AssignmentExpression':
      return node.operator === '=' ? mayBeThenable(node.right) : ['&&=', '||=', '??='].includes(node.operator);
    case 'ParenthesizedExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion':
    case 'TSInstantiationExpression':
      return mayBeThenable(node.expression);
    default:
      return true;
  }
}

/** `X.resolving(E)` or `X.resolving(E, F)`, whatever X and F are called: E handed through the helpers already (code rewritten before, or now). */
export const resolvingArgument = (node, helpers = null) =>
  node?.type === 'CallExpression' && !node.optional && node.arguments[0]?.type !== 'SpreadElement' &&
  (node.arguments.length === 1 || (node.arguments.length === 2 && node.arguments[1].type === 'Identifier')) &&
  node.callee.type === 'MemberExpression' && !node.callee.computed && !node.callee.optional && node.callee.object.type === 'Identifier' &&
  (helpers === null || node.callee.object.name === helpers) && isIdentifier(node.callee.property, 'resolving')
    ? node.arguments[0]
    : null;

/** Whether an async function's return of this value (or its expression body) must go through the helpers. */
export const mustResolve = (argument) => mayBeThenable(argument) && resolvingArgument(argument) === null;
