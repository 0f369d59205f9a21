// Finds the suspension points of each async function (and of a module's top level) in an
// ESTree AST and returns the text to insert around them. Edits at the same index are
// applied in list order, and the walk is pre-order, so an outer construct's opening text
// comes before an inner one's and closing text after it.

import { isRewrittenBody, isRewrittenModuleBody, type GeneratedNames } from './names';
import { isSplittableBlock, isWrappableBody } from './wrappable-body';

export interface Edit {
  at: number;
  text: string;
  /** Replaces the original text from `at` to here (keeping its line breaks) instead of inserting. */
  end?: number;
  /** Kept only if the function it belongs to turns out to suspend (catch/finally recovery). */
  ifSuspends?: boolean;
}

/** The edits to keep once it is known whether their function suspends. */
const settle = (edits: Edit[], suspends: boolean) =>
  edits.filter((edit) => suspends || !edit.ifSuspends).map(({ ifSuspends, ...edit }) => edit);

/** An ESTree node as oxc-parser gives it. */
export interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

interface Scope {
  edits: Edit[];
  suspends: boolean;
  asyncGenerator: boolean;
  /** A module body (top-level await): its resumptions also arm the reset of the frame. */
  moduleBody?: boolean;
  /** Left as it is (rewritten before, or a body the rewrite cannot wrap): only the functions
   * in it are looked at, each on its own. */
  untouched?: boolean;
  /** Has a block with `await using` that cannot be split (src/transform/wrappable-body.ts). */
  unsplittable?: boolean;
}

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

const isFunction = (node: Node) =>
  node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';

const isForAwait = (node: Node) => node.type === 'ForOfStatement' && node.await === true;

const isAwaitUsing = (node: Node) => node.type === 'VariableDeclaration' && node.kind === 'await using';
const isUsing = (node: Node) => node.type === 'VariableDeclaration' && (node.kind === 'using' || node.kind === 'await using');

/** What the walk of one file keeps: its text, its names, its stand-ins so far. */
interface FileState {
  code: string;
  names: GeneratedNames;
  /** How many `await using` stand-ins the file has so far: each gets a name of its own. */
  standIns: number;
  /** Where a statement starts that follows, in the same list, one ended by automatic
   * semicolon insertion: text that starts with `(` there needs a `;` first. */
  afterUnterminated: Set<number>;
}
let file: FileState;

const F = () => file.names.frame;
const V = () => file.names.awaited;
const H = (helper: string) => `${file.names.helpers}.${helper}`;

/** `bodyStart`: where the module body begins (after a hashbang line). */
export type Program = Node & { body: Node[] };

export function collectEdits(program: Program, code: string, bodyStart: number, names: GeneratedNames): Edit[] {
  file = { code, names, standIns: 0, afterUnterminated: new Set() };
  // Rewritten before: its functions are recognised one by one; its own awaits are left alone.
  const untouched = isRewrittenModuleBody(program.body);
  let scope: Scope = { edits: [], suspends: false, asyncGenerator: false, moduleBody: true, untouched };
  noteStatementList(program.body, directiveCount(program.body) + 1);
  // A top-level `await using` is disposed after the last statement, so the body cannot
  // end by leaving: it suspends there (the block rule, below) and its resources resume.
  const disposes = !untouched && program.body.some(isAwaitUsing);
  if (disposes) {
    scope.suspends = true;
    walkWithStandIns(program.body, scope);
  } else {
    walk(program.body, scope);
  }
  if (scope.unsplittable) scope = functionsOnly(program.body);
  if (!scope.suspends) return settle(scope.edits, false);
  // Top-level await: the module body is the resumed piece; it has no finally to put the
  // outer frame back, so that is done after its last statement.
  const end = disposes ? `${H('disposing')}(${F()})` : `${H('leave')}(${F()})`;
  return [
    { at: afterPrologue(program.body, bodyStart), text: `const ${F()} = ${H('enter')}(); let ${V()};` },
    ...settle(scope.edits, true),
    { at: program.end, text: `\n${end};\n` },
  ];
}

const isDirective = (statement: Node) => statement.type === 'ExpressionStatement' && typeof statement.directive === 'string';
const directiveCount = (statements: Node[]) => {
  let count = 0;
  while (count < statements.length && isDirective(statements[count]!)) count++;
  return count;
};

/** Where code inserted after a directive prologue goes: after its last directive, or at `start`. */
export function afterPrologue(statements: Node[], start: number): number {
  const count = directiveCount(statements);
  return count === 0 ? start : statements[count - 1]!.end;
}

/**
 * What text inserted right after the prologue starts with: a `;` where the last directive
 * has none (`'use strict'` then a line break), so that it stays a directive and our
 * statement starts a new one. (A module body's frame follows the helpers' declaration, which
 * carries it.)
 */
export function prologueEnd(statements: Node[], code: string): string {
  const count = directiveCount(statements);
  return count > 0 && code[statements[count - 1]!.end - 1] !== ';' ? ';' : '';
}

/**
 * Notes the statements of a list, from index `from` on, that follow one ended by automatic
 * semicolon insertion (`log(x)` then a line break): text inserted at their start must not
 * begin with a `(` that would continue it. The first statement after a body's prologue never
 * needs it: the text before it is ours (the helpers, or a function's frame), ending in `;` or `{`.
 */
function noteStatementList(statements: Node[], from: number): void {
  for (let i = from; i < statements.length; i++) {
    if (endsUnterminated(statements[i - 1]!)) file.afterUnterminated.add(statements[i]!.start);
  }
}

/** Statements that end with a `;`, or where one was inserted for them. */
const TERMINATED = new Set([
  'ExpressionStatement', 'VariableDeclaration', 'ReturnStatement', 'ThrowStatement', 'BreakStatement', 'ContinueStatement',
  'DoWhileStatement', 'DebuggerStatement', 'ImportDeclaration', 'ExportAllDeclaration', 'ExportNamedDeclaration',
  'ExportDefaultDeclaration', 'TSTypeAliasDeclaration', 'TSImportEqualsDeclaration', 'TSExportAssignment',
  'TSNamespaceExportDeclaration', 'TSDeclareFunction',
]);

/** Whether a statement (or the last statement it ends with) ends without its `;`. */
function endsUnterminated(statement: Node): boolean {
  let last: Node | null | undefined = statement;
  while (last) {
    if (file.code[last.end - 1] === ';') return false;
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
        if (!isNode(declaration) || declaration.type === 'VariableDeclaration' || !DECLARES.test(declaration.type)) return true;
        last = declaration;
        continue;
      }
      default:
        return TERMINATED.has(last.type);
    }
  }
  return false;
}

const DECLARES = /Declaration$|^TSDeclareFunction$/;

function walk(node: unknown, scope: Scope): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, scope);
    return;
  }
  if (!isNode(node)) return;
  if (isFunction(node)) {
    scope.edits.push(...functionEdits(node));
    return;
  }
  if (scope.untouched) {
    walkChildren(node, scope);
    return;
  }
  switch (node.type) {
    case 'SwitchCase':
      noteStatementList(node.consequent as Node[], 1);
      break;
    case 'AwaitExpression': {
      // (v = await suspend(f, EXPR), resume(f, v, v = void 0)): resume() is called after the
      // await, with nothing evaluated before it that the engine would have to keep across the
      // suspension (as `resume(f, await …)` would: its callee and first argument), and the
      // local lets go of the value at once.
      scope.suspends = true;
      const argument = node.argument as Node;
      const resume = H(scope.moduleBody ? 'resumeModule' : 'resume');
      const guard = file.afterUnterminated.has(node.start) ? ';' : '';
      scope.edits.push({ at: node.start, text: `${guard}(${V()} = ` }, { at: argument.start, text: `${H('suspend')}(${F()}, ` });
      walk(argument, scope);
      scope.edits.push({ at: node.end, text: `), ${resume}(${F()}, ${V()}, ${V()} = void 0))` });
      return;
    }
    case 'YieldExpression': {
      if (!scope.asyncGenerator) break;
      scope.suspends = true;
      const argument = node.argument as Node | null;
      scope.edits.push({ at: node.start, text: `${H('yielded')}(${F()}, ` });
      if (argument === null) {
        // `void 0`: a binding named `undefined` is not what a bare `yield` yields.
        scope.edits.push({ at: node.end, text: ` ${H('yielding')}(${F()}, void 0)` });
      } else {
        scope.edits.push({ at: argument.start, text: `${H('yielding')}(${F()}, ` });
        walk(argument, scope);
        scope.edits.push({ at: argument.end, text: ')' });
      }
      // A bare `yield` at a line's end ended its statement (no line break is allowed before
      // its operand); ending with `)`, the rewritten one would not, before `(`, `[`, … .
      const restricted = argument === null && continuesOnNextLine(file.code, node.end);
      scope.edits.push({ at: node.end, text: restricted ? ');' : ')' });
      return;
    }
    case 'ReturnStatement': {
      // An async generator's `return x` awaits x before finishing.
      const argument = node.argument as Node | null;
      if (!scope.asyncGenerator || argument === null) break;
      scope.suspends = true;
      // `return a, b` returns b: as one argument, the sequence keeps its parentheses.
      const sequence = argument.type === 'SequenceExpression';
      scope.edits.push({ at: argument.start, text: `${H('yielding')}(${F()}, ${sequence ? '(' : ''}` });
      walk(argument, scope);
      scope.edits.push({ at: argument.end, text: sequence ? '))' : ')' });
      return;
    }
    case 'LabeledStatement': {
      let inner: Node = node;
      while (inner.type === 'LabeledStatement') inner = inner.body as Node;
      if (isForAwait(inner)) {
        forAwaitEdits(inner, scope, node);
        return;
      }
      if (inner.type === 'ForOfStatement' && isAwaitUsing(inner.left as Node)) {
        awaitUsingLoopEdits(inner, scope, node);
        return;
      }
      if (inner.type === 'ForStatement' && isNode(inner.init) && isAwaitUsing(inner.init)) {
        awaitUsingForEdits(inner, scope, node);
        return;
      }
      break;
    }
    case 'ForStatement':
      if (isNode(node.init) && isAwaitUsing(node.init)) {
        awaitUsingForEdits(node, scope, node);
        return;
      }
      break;
    case 'ForOfStatement':
      if (isForAwait(node)) {
        forAwaitEdits(node, scope, node);
        return;
      }
      if (isAwaitUsing(node.left as Node)) {
        awaitUsingLoopEdits(node, scope, node);
        return;
      }
      break;
    case 'BlockStatement':
    case 'StaticBlock':
      blockEdits(node, scope, false);
      return;
    case 'CatchClause':
      // Defaults in the binding pattern are evaluated before the block's first statement.
      for (const fallback of defaultsOf(node.param)) {
        scope.edits.push({ at: fallback.start, text: `(${H('recover')}(${F()}), `, ifSuspends: true });
        scope.edits.push({ at: fallback.end, text: ')', ifSuspends: true });
      }
      walk(node.param, scope);
      scope.edits.push({ at: (node.body as Node).start + 1, text: `${H('recover')}(${F()});`, ifSuspends: true });
      blockEdits(node.body as Node, scope, false);
      return;
    case 'TryStatement': {
      walk(node.block, scope);
      walk(node.handler, scope);
      const finalizer = node.finalizer as Node | null;
      if (finalizer !== null) {
        scope.edits.push({ at: finalizer.start + 1, text: `${H('recover')}(${F()});`, ifSuspends: true });
        blockEdits(finalizer, scope, false);
      }
      return;
    }
  }
  walkChildren(node, scope);
}

/** The edits of the functions in code whose own suspension points are left as they are. */
function functionsOnly(code: unknown): Scope {
  const scope: Scope = { edits: [], suspends: false, asyncGenerator: false, untouched: true };
  walk(code, scope);
  return scope;
}

/**
 * Whether the next token after `at` (past spaces and comments) is on a later line and starts
 * with a character that would continue an expression: `(`, `[`, a template, `/`, `+`, `-`.
 */
function continuesOnNextLine(code: string, at: number): boolean {
  const rest = /^(?:\s|\/\/[^\n\r\u2028\u2029]*|\/\*[\s\S]*?\*\/)*/.exec(code.slice(at))![0];
  return /[\n\r\u2028\u2029]/.test(rest) && '([`/+-'.includes(code[at + rest.length] ?? '');
}

function walkChildren(node: Node, scope: Scope): void {
  for (const key in node) {
    if (key === 'type' || key === 'start' || key === 'end') continue;
    const value = node[key];
    if (typeof value === 'object' && value !== null) walk(value, scope);
  }
}

/** The default values (right sides of AssignmentPatterns) in a binding pattern. */
function defaultsOf(pattern: unknown): Node[] {
  const found: Node[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isNode(node) || isFunction(node)) return;
    if (node.type === 'AssignmentPattern') found.push(node.right as Node);
    for (const key in node) if (typeof node[key] === 'object' && node[key] !== null) visit(node[key]);
  };
  visit(pattern);
  return found;
}

/**
 * `for await (x of it) body`: the iterable is wrapped so that every next() (and return())
 * is called in the function's frame and suspends just after; every pass resumes at the
 * start of the body, and the loop resumes after it, in a finally so that a `break` or
 * `continue` to an outer label resumes too (the loop's labels stay on the loop).
 */
function forAwaitEdits(loop: Node, scope: Scope, statement: Node): void {
  scope.suspends = true;
  scope.edits.push({ at: statement.start, text: '{try{' });
  walk(loop.left, scope);
  const right = loop.right as Node;
  scope.edits.push({ at: right.start, text: `${H('iterate')}(${F()}, ` });
  walk(right, scope);
  scope.edits.push({ at: right.end, text: ')' });
  const body = loop.body as Node;
  if (isAwaitUsing(loop.left as Node)) {
    disposingBodyEdits(loop, scope);
  } else if (body.type === 'BlockStatement') {
    scope.edits.push({ at: body.start + 1, text: `${H('resume')}(${F()});` });
    blockEdits(body, scope, false);
  } else {
    scope.edits.push({ at: body.start, text: `{${H('resume')}(${F()}); ` });
    walk(body, scope);
    scope.edits.push({ at: body.end, text: '}' });
  }
  scope.edits.push({ at: statement.end, text: resumeAfter() });
}

/** Closes a `{try{` opened before a statement: however it is left, the function resumes. */
const resumeAfter = () => `} finally { ${H('resume')}(${F()}); }}`;

/**
 * A block with an `await using` declaration disposes its resources, awaiting, when it
 * ends: the rest of the block suspends in a finally, and (unless the block is a function
 * body, whose own end puts the frame back) the block resumes after it. Its resources are
 * disposed through stand-ins that resume for each call (src/core/await-disposers.ts).
 */
function blockEdits(block: Node, scope: Scope, isFunctionBody: boolean): void {
  const statements = block.body as Node[];
  noteStatementList(statements, isFunctionBody ? directiveCount(statements) + 1 : 1);
  const firstUsing = statements.findIndex(isAwaitUsing);
  if (firstUsing === -1) {
    walk(statements, scope);
    return;
  }
  if (!isSplittableBlock(statements, firstUsing)) scope.unsplittable = true;
  scope.suspends = true;
  if (!isFunctionBody) scope.edits.push({ at: block.start, text: '{try{' });
  walkWithStandIns(statements.slice(0, firstUsing + 1), scope);
  // After the declaration's own semicolon, or one of ours where it has none.
  const using = statements[firstUsing]!;
  const semicolon = using.end === (using.declarations as Node[]).at(-1)!.end ? ';' : '';
  scope.edits.push({ at: using.end, text: `${semicolon} try {` });
  // What follows is ours now.
  if (statements[firstUsing + 1] !== undefined) file.afterUnterminated.delete(statements[firstUsing + 1]!.start);
  walkWithStandIns(statements.slice(firstUsing + 1), scope);
  scope.edits.push({ at: block.end - 1, text: `} finally { ${H('disposing')}(${F()}); }` });
  if (!isFunctionBody) scope.edits.push({ at: block.end, text: resumeAfter() });
}

/** The statements of a block that disposes with awaits: its `using` declarations get stand-ins. */
function walkWithStandIns(statements: Node[], scope: Scope): void {
  for (const statement of statements) {
    if (isUsing(statement)) standInEdits(statement, scope);
    else walk(statement, scope);
  }
}

/**
 * `await using a = A, b = B` → `const a = A; await using __acd0 = __acx.disposer(__acf, a);
 * const b = B; await using __acd1 = …`: the same bindings, values and order, with the
 * engine disposing the stand-ins (sync `using` the same way, with syncDisposer).
 */
function standInEdits(declaration: Node, scope: Scope): void {
  const declarators = declaration.declarations as Node[];
  const keyword = declaration.kind as string;
  scope.edits.push({ at: declaration.start, end: declarators[0]!.start, text: 'const ' });
  declarators.forEach((declarator, i) => {
    walk(declarator.init, scope);
    const standIn = `; ${standInDeclaration(keyword, declarator)}`;
    const next = declarators[i + 1];
    if (next === undefined) scope.edits.push({ at: declarator.end, text: standIn });
    else scope.edits.push({ at: declarator.end, end: next.start, text: `${standIn}; const ` });
  });
}

/** `await using __acdN = __acx.disposer(__acf, x)` (`using` … syncDisposer) for declarator x. */
function standInDeclaration(keyword: string, declarator: Node): string {
  const helper = keyword === 'await using' ? 'disposer' : 'syncDisposer';
  return `${keyword} ${file.names.disposer}${file.standIns++} = ${H(helper)}(${F()}, ${(declarator.id as Node).name as string})`;
}

/** `for (await using x of xs) body`: each pass disposes (awaiting) after its body. */
function awaitUsingLoopEdits(loop: Node, scope: Scope, statement: Node): void {
  scope.suspends = true;
  scope.edits.push({ at: statement.start, text: '{try{' });
  const right = loop.right as Node;
  scope.edits.push({ at: right.start, text: `${H('resuming')}(${F()}, ` });
  walk(right, scope);
  scope.edits.push({ at: right.end, text: ')' });
  disposingBodyEdits(loop, scope);
  scope.edits.push({ at: statement.end, text: resumeAfter() });
}

/**
 * The body of a loop whose head declares `await using x`: the head declares a `const`, and
 * each pass resumes, declares x's stand-in and suspends when it ends.
 */
function disposingBodyEdits(loop: Node, scope: Scope): void {
  const left = loop.left as Node;
  const declarator = (left.declarations as Node[])[0]!;
  scope.edits.push({ at: left.start, end: declarator.start, text: 'const ' });
  const body = loop.body as Node;
  scope.edits.push({ at: body.start, text: `{${H('resume')}(${F()}); ${standInDeclaration('await using', declarator)}; try {` });
  walk(body, scope);
  scope.edits.push({ at: body.end, text: `} finally { ${H('disposing')}(${F()}); }}` });
}

/**
 * `for (await using x = X; test; update) body` disposes when the loop ends. The head's
 * declaration moves out, before the loop, as the block rule has it:
 * `{try{ const x = X; await using __acd0 = …; try { for (; test; update) body } finally {
 * disposing } } finally { resume }}`; only `for (` and the labels are written anew.
 */
function awaitUsingForEdits(loop: Node, scope: Scope, statement: Node): void {
  scope.suspends = true;
  const init = loop.init as Node;
  let labels = '';
  for (let node = statement; node !== loop; node = node.body as Node) labels += `${(node.label as Node).name as string}: `;
  scope.edits.push({ at: statement.start, end: init.start, text: '{try{ ' });
  standInEdits(init, scope);
  scope.edits.push({ at: init.end, text: `; try { ${labels}for (` });
  walk(loop.test, scope);
  walk(loop.update, scope);
  walk(loop.body, scope);
  scope.edits.push({ at: statement.end, text: `} finally { ${H('disposing')}(${F()}); }${resumeAfter()}` });
}

/** The edits of one function: its own suspension points, wrapped in enter/leave. */
function functionEdits(fn: Node): Edit[] {
  // Parameters never suspend (await is not allowed there), but may hold functions that do.
  const paramsScope: Scope = { edits: [], suspends: false, asyncGenerator: false };
  walk(fn.params, paramsScope);
  const body = fn.body as Node;
  if (fn.async !== true) {
    walk(body, paramsScope);
    return settle(paramsScope.edits, false);
  }
  const outer = settle(paramsScope.edits, false);
  if (body.type === 'BlockStatement') {
    const statements = (body.body as Node[]).slice(directiveCount(body.body as Node[]));
    if (isRewrittenBody(statements)) return outer;
    if (!isWrappableBody(statements)) return [...outer, ...functionsOnly(statements).edits];
  }
  const scope: Scope = { edits: [], suspends: false, asyncGenerator: fn.generator === true };
  if (body.type === 'BlockStatement') blockEdits(body, scope, true);
  else walk(body, scope);
  if (scope.unsplittable) return [...outer, ...functionsOnly(body).edits];
  if (!scope.suspends) return [...outer, ...settle(scope.edits, false)];

  const enter = `const ${F()} = ${H(fn.generator === true ? 'enterGenerator' : 'enter')}(); let ${V()}; try {`;
  const leave = `} finally { ${H('leave')}(${F()}); }`;
  if (body.type !== 'BlockStatement') {
    return [...outer, { at: body.start, text: `{ ${enter} return ` }, ...settle(scope.edits, true), { at: body.end, text: `; ${leave} }` }];
  }
  const statements = body.body as Node[];
  return [
    ...outer,
    { at: afterPrologue(statements, body.start + 1), text: prologueEnd(statements, file.code) + enter },
    ...settle(scope.edits, true),
    { at: body.end - 1, text: leave },
  ];
}
