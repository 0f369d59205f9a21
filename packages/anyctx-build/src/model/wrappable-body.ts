// Whether a function body can be wrapped in `try { … } finally { leave }`, shared by the oxc
// transform and the Babel plugin. Inside a block, function declarations are lexical: what a
// function's top level allows, a block does not — a `var` and a function of the same name, or
// two functions of one name (an error in strict code, and for async and generator functions
// everywhere). Such a function is left as it was: its awaits lose the context, as code the
// rewrite never saw does, instead of the file failing to parse. The same shapes in ESTree and
// in Babel's AST.

interface NodeLike {
  type: string;
  [key: string]: unknown;
}
const isNode = (value: unknown): value is NodeLike => typeof (value as NodeLike | null)?.type === 'string';
const isFunction = (node: NodeLike) => /Function(?:Declaration|Expression)$|^ArrowFunctionExpression$|Method$/.test(node.type);

export function isWrappableBody(statements: readonly unknown[]): boolean {
  const functions = new Set<string>();
  for (const statement of statements) {
    if (!isNode(statement) || statement.type !== 'FunctionDeclaration') continue;
    const name = (statement.id as NodeLike | null)?.name as string | undefined;
    if (name === undefined) continue;
    if (functions.has(name)) return false;
    functions.add(name);
  }
  if (functions.size === 0) return true;
  for (const name of varNames(statements)) if (functions.has(name)) return false;
  return true;
}

/** The names `var` declares in these statements, nested blocks included, functions not. */
function varNames(statements: readonly unknown[]): string[] {
  const names: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isNode(node) || isFunction(node) || node.type.startsWith('Class')) return;
    if (node.type === 'VariableDeclaration' && node.kind === 'var') {
      for (const declarator of node.declarations as NodeLike[]) bindingNames(declarator.id, names);
    }
    for (const key in node) {
      const value = node[key];
      if (key !== 'type' && typeof value === 'object' && value !== null) visit(value);
    }
  };
  visit(statements);
  return names;
}

/** The identifiers a binding pattern binds. */
function bindingNames(pattern: unknown, names: string[]): void {
  if (!isNode(pattern)) return;
  switch (pattern.type) {
    case 'Identifier': names.push(pattern.name as string); return;
    case 'AssignmentPattern': return bindingNames(pattern.left, names);
    case 'RestElement': return bindingNames(pattern.argument, names);
    case 'ArrayPattern': return (pattern.elements as unknown[]).forEach((element) => bindingNames(element, names));
    case 'ObjectPattern':
      for (const property of pattern.properties as NodeLike[]) bindingNames(property.type === 'RestElement' ? property : property.value, names);
  }
}

/**
 * Whether a block whose statement `firstUsing` is the first `await using` can be split there:
 * the rest of it goes into `try { … } finally { disposing }`, inside the block, so that the
 * function suspends before the block's disposals. What the rest declares (functions,
 * classes, `let`, `const`) is then out of reach of the statements before; a block whose
 * statements before name one of them is left as it was, as above.
 */
export function isSplittableBlock(statements: readonly unknown[], firstUsing: number): boolean {
  const declared = new Set<string>();
  for (const statement of statements.slice(firstUsing + 1)) {
    if (!isNode(statement)) continue;
    if ((statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') && isNode(statement.id)) {
      declared.add(statement.id.name as string);
    } else if (statement.type === 'VariableDeclaration' && statement.kind !== 'var') {
      const names: string[] = [];
      for (const declarator of statement.declarations as NodeLike[]) bindingNames(declarator.id, names);
      names.forEach((name) => declared.add(name));
    }
  }
  return declared.size === 0 || !namesIn(statements.slice(0, firstUsing + 1)).some((name) => declared.has(name));
}

/** Every identifier's name in these nodes (JSX element names too: `<G />` reads G), nested
 * functions included; a private name (`#g`, whose Babel node holds an identifier) is none. */
function namesIn(nodes: readonly unknown[]): string[] {
  const names: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isNode(node) || node.type === 'PrivateName') return;
    if (node.type === 'Identifier' || node.type === 'JSXIdentifier') names.push(node.name as string);
    for (const key in node) {
      const value = node[key];
      if (key !== 'type' && typeof value === 'object' && value !== null) visit(value);
    }
  };
  visit(nodes);
  return names;
}
