// Where an async function (or a module body) can suspend, for both rewriters: which nodes
// are suspension points, as a table by node type that each walker consults, and which
// blocks a rejected await can resume in. The node shapes read here are the same in ESTree
// and in Babel's AST.

export interface NodeLike {
  type: string;
  [key: string]: unknown;
}

/** A cheap test on a file's text: without these words it has no suspension point. */
export const MAY_SUSPEND = /\b(?:await|yield)\b/;
/** What the rewriters test a file's text with: without these words it has nothing they change,
 * no suspension point and no async function's return (src/model/returned-values.ts). */
export const MAY_REWRITE = /\b(?:await|yield|async)\b/;

/**
 * What kind of suspension point a node is:
 * - `await`: `await E`;
 * - `yield`, `generator-return`: `yield E` (and `yield* E`) and `return E` in an async
 *   generator, which await E (ASYNC_GENERATOR_ONLY: elsewhere they do not suspend);
 * - `for-await`: `for await (… of …)`, which awaits each next() (its head may declare an
 *   `await using`, disposed after each pass);
 * - `await-using-loop`, `await-using-for`: a loop whose head declares an `await using`,
 *   disposed (awaiting) after each pass, or when the loop ends.
 * A block with an `await using` among its statements suspends where it ends
 * (firstAwaitUsing). A catch block (its binding's defaults first) and a finally block are
 * where a rejected await resumes: each gets a recover() if its function suspends.
 */
export type SuspensionKind = 'await' | 'yield' | 'generator-return' | 'for-await' | 'await-using-loop' | 'await-using-for';

export const isAwaitUsing = (node: unknown): boolean =>
  (node as NodeLike | null)?.type === 'VariableDeclaration' && (node as NodeLike).kind === 'await using';
export const isUsing = (node: unknown): boolean =>
  (node as NodeLike | null)?.type === 'VariableDeclaration' && ((node as NodeLike).kind === 'using' || (node as NodeLike).kind === 'await using');

/** The suspension points, by node type: what kind a node of that type is, if any. (A Map:
 * the oxc walk asks for every node, and most types are not here.) */
type Classify = (node: NodeLike) => SuspensionKind | undefined;
export const SUSPENSION_POINTS: ReadonlyMap<string, Classify> = new Map<string, Classify>([
  ['AwaitExpression', () => 'await'],
  ['YieldExpression', () => 'yield'],
  ['ReturnStatement', (node) => (node.argument != null ? 'generator-return' : undefined)],
  ['ForOfStatement', (node) => (node.await === true ? 'for-await' : isAwaitUsing(node.left) ? 'await-using-loop' : undefined)],
  ['ForStatement', (node) => (isAwaitUsing(node.init) ? 'await-using-for' : undefined)],
]);

/** The kinds that suspend in an async generator only. */
export const ASYNC_GENERATOR_ONLY: ReadonlySet<SuspensionKind> = new Set(['yield', 'generator-return']);

/** The kind of suspension point a node is in code whose function is (or is not) an async generator. */
export function suspensionOf(node: NodeLike, asyncGenerator: boolean): SuspensionKind | undefined {
  const kind = SUSPENSION_POINTS.get(node.type)?.(node);
  return kind === undefined || asyncGenerator || !ASYNC_GENERATOR_ONLY.has(kind) ? kind : undefined;
}

/** The loops that suspend, each wrapped with its labels: the statement a label may stand before. */
export const LOOP_KINDS: ReadonlySet<SuspensionKind> = new Set(['for-await', 'await-using-loop', 'await-using-for']);

/** The index of a block's (or module body's) first `await using`, or -1: such a block disposes, awaiting, where it ends. */
export const firstAwaitUsing = (statements: readonly unknown[]): number => statements.findIndex(isAwaitUsing);

/** A function node of either AST (methods included). */
export const isFunctionLike = (node: NodeLike) => /Function(?:Declaration|Expression)$|^ArrowFunctionExpression$|Method$/.test(node.type);

/**
 * The parts of a function node that the code around it evaluates: a method's key (computed)
 * and its decorators, in Babel's AST where the method is the function. (ESTree holds them in
 * the MethodDefinition or Property around the function.) Any suspension point in them is that
 * code's; everything else in a function is the function's own.
 */
export const OUTER_PARTS_OF_FUNCTION: ReadonlySet<unknown> = new Set(['key', 'decorators']);

const isNode = (value: unknown): value is NodeLike => typeof (value as NodeLike | null)?.type === 'string';

/**
 * The default values in a catch binding pattern (`catch ({ a = D })`: the AssignmentPattern
 * nodes), outside functions, whose own defaults run when they are called: they are evaluated
 * before the catch block's first statement.
 */
export function catchDefaults(pattern: unknown): NodeLike[] {
  const found: NodeLike[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isNode(node)) return;
    if (isFunctionLike(node)) {
      for (const part of OUTER_PARTS_OF_FUNCTION) visit(node[part as string]);
      return;
    }
    if (node.type === 'AssignmentPattern') found.push(node);
    for (const key in node) {
      const value = node[key];
      if (key !== 'type' && typeof value === 'object' && value !== null) visit(value);
    }
  };
  visit(pattern);
  return found;
}
