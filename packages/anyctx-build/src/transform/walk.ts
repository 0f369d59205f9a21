// The oxc rewrite's walk: finds the suspension points of each async function (and of a
// module's top level) in an ESTree AST, as the model tells them (src/model/), and returns the
// text to insert around them, the shapes of src/model/shapes.ts. Edits at the same index
// are applied in list order, and the walk is pre-order, so an outer construct's opening
// text comes before an inner one's and closing text after it.

import type { GeneratedNames } from '../model/names';
import { isRewrittenBody, isRewrittenModuleBody } from '../model/rewritten-code';
import { isSplittableBlock, isWrappableBody } from '../model/wrappable-body';
import { afterPrologue, directiveCount, prologueEnd } from '../model/directive-prologue';
import { ShapeText } from '../model/shapes';
import { resolvesThrough } from '../model/returned-values';
import { creationParameter, type CreationParameter } from '../model/generator-creation';
import { LOOP_KINDS, catchDefaults, firstAwaitUsing, isAwaitUsing, isUsing, suspensionOf, type SuspensionKind } from '../model/suspension-points';
import { continuesOnNextLine, endsUnterminated } from './statement-ends';

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
  /** An async function's own code (not an async generator's): its returns hand their value
   * through resolving() (src/model/returned-values.ts). */
  asyncFunction?: boolean;
  /** A module body (top-level await): its resumptions also arm the reset of the frame. */
  moduleBody?: boolean;
  /** Left as it is (rewritten before, or a body the rewrite cannot wrap): only the functions
   * in it are looked at, each on its own. */
  untouched?: boolean;
  /** Has a block with `await using` that cannot be split (src/model/wrappable-body.ts). */
  unsplittable?: boolean;
}

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

const isFunction = (node: Node) =>
  node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';

/** What the walk of one file keeps: its text, its shapes' text, its stand-ins so far. */
interface FileState {
  code: string;
  text: ShapeText;
  /** How many `await using` stand-ins the file has so far: each gets a name of its own. */
  standIns: number;
  /** Where a statement starts that follows, in the same list, one ended by automatic
   * semicolon insertion: text that starts with `(` there needs a `;` first. */
  afterUnterminated: Set<number>;
}
let file: FileState;

/** `bodyStart`: where the module body begins (after a hashbang line). */
export type Program = Node & { body: Node[] };

export function collectEdits(program: Program, code: string, bodyStart: number, names: GeneratedNames): Edit[] {
  file = { code, text: new ShapeText(names), standIns: 0, afterUnterminated: new Set() };
  // Rewritten before: its functions are recognised one by one; its own awaits are left alone.
  const untouched = isRewrittenModuleBody(program.body);
  let scope: Scope = { edits: [], suspends: false, asyncGenerator: false, moduleBody: true, untouched };
  noteStatementList(program.body, directiveCount(program.body) + 1);
  // A top-level `await using` is disposed after the last statement, so the body cannot
  // end by leaving: it suspends there (the block rule, below) and its resources resume.
  const disposes = !untouched && firstAwaitUsing(program.body) !== -1;
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
  return [
    { at: afterPrologue(program.body, bodyStart), text: file.text.frameDeclaration(false) },
    ...settle(scope.edits, true),
    { at: program.end, text: file.text.moduleBodyClose(disposes) },
  ];
}

/**
 * Notes the statements of a list, from index `from` on, that follow one ended by automatic
 * semicolon insertion (`log(x)` then a line break): text inserted at their start must not
 * begin with a `(` that would continue it. The first statement after a body's prologue never
 * needs it: the text before it is ours (the helpers, or a function's frame), ending in `;` or `{`.
 */
function noteStatementList(statements: Node[], from: number): void {
  for (let i = from; i < statements.length; i++) {
    if (endsUnterminated(statements[i - 1]!, file.code)) file.afterUnterminated.add(statements[i]!.start);
  }
}

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
    // The node types of SUSPENSION_POINTS (a quick test holds this list to the table): a
    // switch tells the other types apart fastest.
    case 'AwaitExpression': case 'YieldExpression': case 'ReturnStatement': case 'ForOfStatement': case 'ForStatement': {
      const kind = suspensionOf(node, scope.asyncGenerator);
      if (kind !== undefined) {
        suspensionEdits(kind, node, scope, node);
        return;
      }
      if (node.type === 'ReturnStatement' && scope.asyncFunction && node.argument !== null && resolvesThrough(node.argument as Node)) {
        resolvingEdits(node.argument as Node, scope);
        return;
      }
      break;
    }
    case 'SwitchCase':
      noteStatementList(node.consequent as Node[], 1);
      break;
    case 'LabeledStatement': {
      // A loop that suspends is wrapped with its labels, so that `continue label` still works.
      let inner: Node = node;
      while (inner.type === 'LabeledStatement') inner = inner.body as Node;
      const loop = suspensionOf(inner, scope.asyncGenerator);
      if (loop !== undefined && LOOP_KINDS.has(loop)) {
        suspensionEdits(loop, inner, scope, node);
        return;
      }
      break;
    }
    case 'BlockStatement':
    case 'StaticBlock':
      blockEdits(node, scope, false);
      return;
    case 'CatchClause':
      // Defaults in the binding pattern are evaluated before the block's first statement.
      for (const pattern of catchDefaults(node.param)) {
        const fallback = pattern.right as Node;
        scope.edits.push({ at: fallback.start, text: file.text.recoverDefaultOpen, ifSuspends: true });
        scope.edits.push({ at: fallback.end, text: ')', ifSuspends: true });
      }
      walk(node.param, scope);
      scope.edits.push({ at: (node.body as Node).start + 1, text: file.text.recover, ifSuspends: true });
      blockEdits(node.body as Node, scope, false);
      return;
    case 'TryStatement': {
      walk(node.block, scope);
      walk(node.handler, scope);
      const finalizer = node.finalizer as Node | null;
      if (finalizer !== null) {
        scope.edits.push({ at: finalizer.start + 1, text: file.text.recover, ifSuspends: true });
        blockEdits(finalizer, scope, false);
      }
      return;
    }
  }
  walkChildren(node, scope);
}

/** A suspension point's edits; `statement` is a loop with its labels. */
function suspensionEdits(kind: SuspensionKind, node: Node, scope: Scope, statement: Node): void {
  scope.suspends = true;
  const text = file.text;
  switch (kind) {
    case 'await': {
      // (v = await suspend(f, EXPR), resume(f, v, v = void 0)): resume() is called after the
      // await, with nothing evaluated before it that the engine would have to keep across the
      // suspension (as `resume(f, await …)` would: its callee and first argument), and the
      // local lets go of the value at once.
      const argument = node.argument as Node;
      const guard = file.afterUnterminated.has(node.start) ? ';' : '';
      scope.edits.push({ at: node.start, text: guard + text.awaitOpen }, { at: argument.start, text: text.awaitOperand });
      walk(argument, scope);
      scope.edits.push({ at: node.end, text: text.awaitClose(scope.moduleBody === true) });
      return;
    }
    case 'yield': {
      const argument = node.argument as Node | null;
      scope.edits.push({ at: node.start, text: text.yieldOpen });
      if (argument === null) {
        // `void 0`: a binding named `undefined` is not what a bare `yield` yields.
        scope.edits.push({ at: node.end, text: text.bareYieldOperand });
      } else {
        scope.edits.push({ at: argument.start, text: text.yieldOperand });
        walk(argument, scope);
        scope.edits.push({ at: argument.end, text: ')' });
      }
      // A bare `yield` at a line's end ended its statement (no line break is allowed before
      // its operand); ending with `)`, the rewritten one would not, before `(`, `[`, … .
      const restricted = argument === null && continuesOnNextLine(file.code, node.end);
      scope.edits.push({ at: node.end, text: restricted ? ');' : ')' });
      return;
    }
    case 'generator-return': {
      // An async generator's `return x` awaits x before finishing.
      const argument = node.argument as Node;
      // `return a, b` returns b: as one argument, the sequence keeps its parentheses.
      const sequence = argument.type === 'SequenceExpression';
      scope.edits.push({ at: argument.start, text: sequence ? `${text.yieldOperand}(` : text.yieldOperand });
      walk(argument, scope);
      scope.edits.push({ at: argument.end, text: sequence ? '))' : ')' });
      return;
    }
    case 'for-await':
      return forAwaitEdits(node, scope, statement);
    case 'await-using-loop':
      return awaitUsingLoopEdits(node, scope, statement);
    case 'await-using-for':
      return awaitUsingForEdits(node, scope, statement);
  }
}

/** 'async function return': `return H.resolving(E, F)` (`H.resolving(E)` where the function does not suspend), or an async arrow's expression body E; `return a, b` keeps its comma as one argument. */
function resolvingEdits(expression: Node, scope: Scope): void {
  const sequence = expression.type === 'SequenceExpression';
  scope.edits.push({ at: expression.start, text: sequence ? `${file.text.resolvingOpen}(` : file.text.resolvingOpen });
  walk(expression, scope);
  if (sequence) scope.edits.push({ at: expression.end, text: ')' });
  scope.edits.push({ at: expression.end, text: file.text.resolvingFrame, ifSuspends: true });
  scope.edits.push({ at: expression.end, text: ')' });
}

/** The edits of the functions in code whose own suspension points are left as they are. */
function functionsOnly(code: unknown): Scope {
  const scope: Scope = { edits: [], suspends: false, asyncGenerator: false, untouched: true };
  walk(code, scope);
  return scope;
}

function walkChildren(node: Node, scope: Scope): void {
  for (const key in node) {
    if (key === 'type' || key === 'start' || key === 'end') continue;
    const value = node[key];
    if (typeof value === 'object' && value !== null) walk(value, scope);
  }
}

/**
 * `for await (x of it) body`: the iterable is wrapped so that every next() (and return())
 * is called in the function's frame and suspends just after; every pass resumes at the
 * start of the body, and the loop resumes after it, in a finally so that a `break` or
 * `continue` to an outer label resumes too (the loop's labels stay on the loop).
 */
function forAwaitEdits(loop: Node, scope: Scope, statement: Node): void {
  scope.edits.push({ at: statement.start, text: '{try{' });
  walk(loop.left, scope);
  const right = loop.right as Node;
  scope.edits.push({ at: right.start, text: file.text.iterateOpen });
  walk(right, scope);
  scope.edits.push({ at: right.end, text: ')' });
  const body = loop.body as Node;
  if (isAwaitUsing(loop.left)) {
    disposingBodyEdits(loop, scope);
  } else if (body.type === 'BlockStatement') {
    scope.edits.push({ at: body.start + 1, text: file.text.resumeFirst });
    blockEdits(body, scope, false);
  } else {
    scope.edits.push({ at: body.start, text: file.text.resumeBodyOpen });
    walk(body, scope);
    scope.edits.push({ at: body.end, text: '}' });
  }
  scope.edits.push({ at: statement.end, text: file.text.resumeAfter });
}

/**
 * A block with an `await using` declaration disposes its resources, awaiting, when it
 * ends: the rest of the block suspends in a finally, and (unless the block is a function
 * body, whose own end puts the frame back) the block resumes after it. Its resources are
 * disposed through stand-ins that resume for each call (src/core/await-disposers.ts).
 */
function blockEdits(block: Node, scope: Scope, isFunctionBody: boolean): void {
  const statements = block.body as Node[];
  noteStatementList(statements, isFunctionBody ? directiveCount(statements) + 1 : 1);
  const firstUsing = firstAwaitUsing(statements);
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
  scope.edits.push({ at: block.end - 1, text: file.text.disposingClose });
  if (!isFunctionBody) scope.edits.push({ at: block.end, text: file.text.resumeAfter });
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

/** The stand-in of declarator x, the file's next one. */
const standInDeclaration = (keyword: string, declarator: Node) =>
  file.text.standIn(keyword, file.standIns++, (declarator.id as Node).name as string);

/** `for (await using x of xs) body`: each pass disposes (awaiting) after its body. */
function awaitUsingLoopEdits(loop: Node, scope: Scope, statement: Node): void {
  scope.edits.push({ at: statement.start, text: '{try{' });
  const right = loop.right as Node;
  scope.edits.push({ at: right.start, text: file.text.resumingOpen });
  walk(right, scope);
  scope.edits.push({ at: right.end, text: ')' });
  disposingBodyEdits(loop, scope);
  scope.edits.push({ at: statement.end, text: file.text.resumeAfter });
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
  scope.edits.push({ at: body.start, text: `${file.text.resumeBodyOpen}${standInDeclaration('await using', declarator)}; try {` });
  walk(body, scope);
  scope.edits.push({ at: body.end, text: `${file.text.disposingClose}}` });
}

/**
 * `for (await using x = X; test; update) body` disposes when the loop ends. The head's
 * declaration moves out, before the loop, as the block rule has it:
 * `{try{ const x = X; await using __acd0 = …; try { for (; test; update) body } finally {
 * disposing } } finally { resume }}`; only `for (` and the labels are written anew.
 */
function awaitUsingForEdits(loop: Node, scope: Scope, statement: Node): void {
  const init = loop.init as Node;
  let labels = '';
  for (let node = statement; node !== loop; node = node.body as Node) labels += `${(node.label as Node).name as string}: `;
  scope.edits.push({ at: statement.start, end: init.start, text: '{try{ ' });
  standInEdits(init, scope);
  scope.edits.push({ at: init.end, text: `; try { ${labels}for (` });
  walk(loop.test, scope);
  walk(loop.update, scope);
  walk(loop.body, scope);
  scope.edits.push({ at: statement.end, text: `${file.text.disposingClose}${file.text.resumeAfter}` });
}

/** 'generator creation': where a generator function's rest parameter goes, if anywhere (model/generator-creation.ts). */
function creationParameterOf(fn: Node): CreationParameter | undefined {
  if (fn.generator !== true) return undefined;
  const statements = (fn.body as Node).body as Node[];
  const strict = statements.slice(0, directiveCount(statements)).some((statement) => statement.directive === 'use strict');
  return creationParameter(file.code, fn, strict);
}

/** The edits of one function: its own suspension points, wrapped in enter/leave. */
function functionEdits(fn: Node): Edit[] {
  // Parameters never suspend (await is not allowed there), but may hold functions that do.
  const paramsScope: Scope = { edits: [], suspends: false, asyncGenerator: false };
  walk(fn.params, paramsScope);
  const body = fn.body as Node;
  const creation = creationParameterOf(fn);
  if (fn.async !== true) {
    walk(body, paramsScope);
    if (creation === undefined) return settle(paramsScope.edits, false);
    const statements = body.body as Node[];
    return [
      ...settle(paramsScope.edits, false),
      { at: creation.at, text: file.text.creationParameter(creation.separator) },
      { at: afterPrologue(statements, body.start + 1), text: `${prologueEnd(statements, file.code)} ${file.text.created}` },
    ];
  }
  const outer = settle(paramsScope.edits, false);
  if (body.type === 'BlockStatement') {
    const statements = (body.body as Node[]).slice(directiveCount(body.body as Node[]));
    if (isRewrittenBody(statements)) return outer;
    if (!isWrappableBody(statements)) return [...outer, ...functionsOnly(statements).edits];
  }
  const scope: Scope = { edits: [], suspends: false, asyncGenerator: fn.generator === true, asyncFunction: fn.generator !== true };
  if (body.type === 'BlockStatement') blockEdits(body, scope, true);
  else if (resolvesThrough(body)) resolvingEdits(body, scope);
  else walk(body, scope);
  if (scope.unsplittable) return [...outer, ...functionsOnly(body).edits];
  if (!scope.suspends) return [...outer, ...settle(scope.edits, false)];

  if (body.type !== 'BlockStatement') {
    return [...outer, { at: body.start, text: file.text.conciseBodyOpen }, ...settle(scope.edits, true), { at: body.end, text: file.text.conciseBodyClose }];
  }
  const statements = body.body as Node[];
  return [
    ...outer,
    ...(creation === undefined ? [] : [{ at: creation.at, text: file.text.creationParameter(creation.separator) }]),
    { at: afterPrologue(statements, body.start + 1), text: prologueEnd(statements, file.code) + file.text.functionBodyOpen(fn.generator === true, creation !== undefined) },
    ...settle(scope.edits, true),
    { at: body.end - 1, text: file.text.functionBodyClose },
  ];
}
