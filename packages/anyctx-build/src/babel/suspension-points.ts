// The await rewrite on a Babel AST: the same calls, in the same places, as the text
// rewrite of src/transform/suspension-points.ts. One read-only traversal collects every
// suspension point and every catch/finally block with the function (or module body) it
// belongs to, in post-order; the AST is then changed in that order, so a construct is
// rewritten after everything inside it, while the parent node or list that holds it is
// still the one the traversal saw. A block that an inner rewrite wrapped (a block with
// `await using`) is remembered as it was found, so that what the text rewrite puts just
// inside its `{` goes there and not into the wrapper.

import type { BabelTypes as B, NodePath, Types, Visitor } from './babel-api';
import { isRewrittenBody, isRewrittenModuleBody, type GeneratedNames } from './names';
import { isSplittableBlock, isWrappableBody } from '../transform/wrappable-body';

/** A function or the module body: what owns an await frame. */
interface Owner {
  node: B.Node;
  suspends: boolean;
  asyncGenerator: boolean;
  /** Left as it is (a module body rewritten before, or a body the rewrite cannot wrap or
   * split): its own suspension points are not rewritten. */
  untouched: boolean;
}

type Rewrite = { owner: Owner } & (
  | { kind: 'await'; path: NodePath<B.AwaitExpression>; moduleBody: boolean }
  | { kind: 'yield'; path: NodePath<B.YieldExpression> }
  | { kind: 'generator-return'; node: B.ReturnStatement }
  | { kind: 'for-await'; loop: B.ForOfStatement; body: B.Statement; statement: NodePath }
  | { kind: 'await-using'; path: NodePath<B.BlockStatement>; functionBody: boolean }
  | { kind: 'await-using-loop'; loop: B.ForOfStatement; statement: NodePath }
  | { kind: 'await-using-for'; loop: B.ForStatement; statement: NodePath }
  | { kind: 'recover-catch'; body: B.BlockStatement; defaults: B.AssignmentPattern[] }
  | { kind: 'recover-finally'; finalizer: B.BlockStatement }
  | { kind: 'function'; fn: B.Function });

interface Collected {
  owners: Map<B.Node, Owner>;
  rewrites: Rewrite[];
  usesImportMeta: boolean;
}

export interface RewriteResult {
  /** Whether anything was rewritten. */
  changed: boolean;
  /** Whether the module body itself suspends (top-level await, for await). */
  topLevelSuspends: boolean;
  /** Whether the module reads import.meta (only modules can). */
  usesImportMeta: boolean;
  /** The helpers the rewritten code calls, by name. */
  helpers: ReadonlySet<string>;
}

export function rewriteSuspensionPoints(program: NodePath<B.Program>, t: Types, names: GeneratedNames): RewriteResult {
  const collected: Collected = { owners: new Map(), rewrites: [], usesImportMeta: false };
  program.traverse(collector(t), collected);
  const build = builders(t, names);
  // A top-level `await using` is disposed after the last statement: the body suspends
  // there instead of leaving, and its declarations get stand-ins (the block rule).
  const top = ownerFor(t, program.node, collected.owners);
  const disposes = !top.untouched && program.node.body.some((statement) => isAwaitUsing(t, statement));
  if (disposes) top.suspends = true;

  let changed = false;
  for (const rewrite of collected.rewrites) if (!rewrite.owner.untouched) changed = applyRewrite(rewrite, t, build) || changed;
  if (top.suspends && !top.untouched) {
    // The module body is the resumed piece; it has no finally to put the outer frame back,
    // so that is done after its last statement.
    if (disposes) program.node.body = withStandIns(program.node.body, t, build);
    program.node.body.unshift(...build.frameDeclarations(false));
    program.node.body.push(t.expressionStatement(build.call(disposes ? 'disposing' : 'leave', build.frame())));
    changed = true;
  }
  return { changed, topLevelSuspends: top.suspends && !top.untouched, usesImportMeta: collected.usesImportMeta, helpers: build.used };
}

/** The owner recorded for a function or module body, recorded now if it was not yet. */
function ownerFor(t: Types, node: B.Node, owners: Map<B.Node, Owner>): Owner {
  const known = owners.get(node);
  if (known !== undefined) return known;
  const owner: Owner = {
    node,
    suspends: false,
    asyncGenerator: t.isFunction(node) && node.async === true && node.generator === true,
    untouched: t.isProgram(node) && isRewrittenModuleBody(node.body),
  };
  owners.set(node, owner);
  return owner;
}

function collector(t: Types): Visitor<Collected> {

  // The nearest enclosing function or module body. A method's computed key and decorators
  // are evaluated by the code around the method, so they belong to that code; so does a
  // class static block, which runs synchronously while that code defines the class.
  const ownerOf = (path: NodePath, state: Collected): Owner => {
    let child = path;
    for (let parent = path.parentPath; parent !== null; child = parent, parent = parent.parentPath) {
      const node = parent.node;
      if (t.isProgram(node)) return ownerFor(t, node, state.owners);
      if (t.isFunction(node) && !(t.isMethod(node) && (child.key === 'key' || child.listKey === 'decorators'))) {
        return ownerFor(t, node, state.owners);
      }
    }
    throw new Error('anyctx-build/babel: a node outside the program');
  };


  /** The loop with its labels: what gets wrapped, so that `continue label` still works. */
  const withLabels = (path: NodePath): NodePath => {
    let statement = path;
    while (statement.parentPath !== null && t.isLabeledStatement(statement.parentPath.node)) statement = statement.parentPath;
    return statement;
  };

  /** The owner of a suspension point, unless it is left as it is. */
  const suspending = (path: NodePath, state: Collected): Owner | undefined => {
    const owner = ownerOf(path, state);
    if (owner.untouched) return undefined;
    owner.suspends = true;
    return owner;
  };

  return {
    Function: {
      // A function rewritten before is left as it is, and so is everything in it; one whose
      // body cannot be wrapped keeps its own suspension points (src/transform/wrappable-body.ts).
      enter(path: NodePath<B.Function>, state) {
        const body = path.node.body;
        if (!t.isBlockStatement(body)) return;
        if (isRewrittenBody(body.body)) path.skip();
        else if (path.node.async && !isWrappableBody(body.body)) ownerFor(t, path.node, state.owners).untouched = true;
      },
      exit(path: NodePath<B.Function>, state) {
        const owner = state.owners.get(path.node);
        if (owner !== undefined) state.rewrites.push({ kind: 'function', owner, fn: path.node });
      },
    },
    AwaitExpression: {
      exit(path: NodePath<B.AwaitExpression>, state) {
        const owner = suspending(path, state);
        if (owner !== undefined) state.rewrites.push({ kind: 'await', owner, path, moduleBody: t.isProgram(owner.node) });
      },
    },
    YieldExpression: {
      exit(path: NodePath<B.YieldExpression>, state) {
        if (!ownerOf(path, state).asyncGenerator) return;
        const owner = suspending(path, state);
        if (owner !== undefined) state.rewrites.push({ kind: 'yield', owner, path });
      },
    },
    ReturnStatement: {
      exit(path: NodePath<B.ReturnStatement>, state) {
        if (!path.node.argument || !ownerOf(path, state).asyncGenerator) return;
        const owner = suspending(path, state);
        if (owner !== undefined) state.rewrites.push({ kind: 'generator-return', owner, node: path.node });
      },
    },
    ForOfStatement: {
      exit(path: NodePath<B.ForOfStatement>, state) {
        const loop = path.node;
        if (!loop.await && !isAwaitUsing(t, loop.left)) return;
        const owner = suspending(path, state);
        if (owner === undefined) return;
        if (loop.await) state.rewrites.push({ kind: 'for-await', owner, loop, body: loop.body, statement: withLabels(path) });
        else state.rewrites.push({ kind: 'await-using-loop', owner, loop, statement: withLabels(path) });
      },
    },
    ForStatement: {
      exit(path: NodePath<B.ForStatement>, state) {
        if (!isAwaitUsing(t, path.node.init)) return;
        const owner = suspending(path, state);
        if (owner !== undefined) state.rewrites.push({ kind: 'await-using-for', owner, loop: path.node, statement: withLabels(path) });
      },
    },
    BlockStatement: {
      exit(path: NodePath<B.BlockStatement>, state) {
        const firstUsing = path.node.body.findIndex((statement) => isAwaitUsing(t, statement));
        if (firstUsing === -1) return;
        if (!isSplittableBlock(path.node.body, firstUsing)) ownerOf(path, state).untouched = true;
        const owner = suspending(path, state);
        if (owner === undefined) return;
        const functionBody = path.key === 'body' && path.parentPath !== null && t.isFunction(path.parentPath.node);
        state.rewrites.push({ kind: 'await-using', owner, path, functionBody });
      },
    },
    CatchClause: {
      exit(path: NodePath<B.CatchClause>, state) {
        const { param, body } = path.node;
        const defaults = param ? defaultsOf(param, t) : [];
        state.rewrites.push({ kind: 'recover-catch', owner: ownerOf(path, state), body, defaults });
      },
    },
    TryStatement: {
      exit(path: NodePath<B.TryStatement>, state) {
        const finalizer = path.node.finalizer;
        if (finalizer) state.rewrites.push({ kind: 'recover-finally', owner: ownerOf(path, state), finalizer });
      },
    },
    MetaProperty: {
      exit(path: NodePath<B.MetaProperty>, state) {
        if (path.node.meta.name === 'import') state.usesImportMeta = true;
      },
    },
  };
}

/**
 * The default values in a catch binding pattern (outside functions, whose own defaults run
 * when they are called): they are evaluated before the catch block's first statement.
 */
function defaultsOf(pattern: B.Node, t: Types): B.AssignmentPattern[] {
  const found: B.AssignmentPattern[] = [];
  const visit = (node: B.Node | null | undefined): void => {
    if (!node) return;
    if (t.isFunction(node)) {
      // A method's key and decorators are part of the surrounding expression.
      if (t.isMethod(node)) {
        visit(node.key);
        for (const decorator of (node as { decorators?: B.Decorator[] | null }).decorators ?? []) visit(decorator);
      }
      return;
    }
    if (t.isAssignmentPattern(node)) found.push(node);
    for (const key of t.VISITOR_KEYS[node.type] ?? []) {
      const value = (node as unknown as Record<string, B.Node | B.Node[] | null | undefined>)[key];
      if (Array.isArray(value)) value.forEach(visit);
      else visit(value);
    }
  };
  visit(pattern);
  return found;
}

const isAwaitUsing = (t: Types, statement: B.Node | null | undefined) =>
  t.isVariableDeclaration(statement) && statement.kind === 'await using';

type Build = ReturnType<typeof builders>;

/**
 * `await using a = A, b = B` → `const a = A; await using __acd0 = disposer(f, a); const b = B;
 * await using __acd1 = …`, and sync `using` the same way with syncDisposer: the same
 * bindings, values and order, with the engine disposing the stand-ins
 * (src/core/await-disposers.ts).
 */
function withStandIns(statements: B.Statement[], t: Types, build: Build): B.Statement[] {
  return statements.flatMap((statement) => {
    if (!t.isVariableDeclaration(statement) || (statement.kind !== 'using' && statement.kind !== 'await using')) return [statement];
    const kind = statement.kind;
    return statement.declarations.flatMap((declarator) => [
      t.variableDeclaration('const', [declarator]),
      build.standIn(kind, (declarator.id as B.Identifier).name),
    ]);
  });
}

function builders(t: Types, names: GeneratedNames) {
  const frame = () => t.identifier(names.frame);
  const used = new Set<string>();
  const call = (helper: string, ...args: B.Expression[]) => {
    used.add(helper);
    return t.callExpression(t.memberExpression(t.identifier(names.helpers), t.identifier(helper)), args);
  };
  const statement = (helper: string, ...args: B.Expression[]) => t.expressionStatement(call(helper, ...args));
  const awaited = () => t.identifier(names.awaited);
  /** const f = enter(); let v; (enterGenerator() in an async generator) */
  const frameDeclarations = (generator: boolean) => [
    t.variableDeclaration('const', [t.variableDeclarator(frame(), call(generator ? 'enterGenerator' : 'enter'))]),
    t.variableDeclaration('let', [t.variableDeclarator(awaited())]),
  ];
  let standIns = 0;
  /** await using __acdN = disposer(f, name); (using … syncDisposer for a sync `using`) */
  const standIn = (kind: 'using' | 'await using', name: string) =>
    t.variableDeclaration(kind, [
      t.variableDeclarator(
        t.identifier(`${names.disposer}${standIns++}`),
        call(kind === 'await using' ? 'disposer' : 'syncDisposer', frame(), t.identifier(name)),
      ),
    ]);
  /** { try { STATEMENT } finally { FINALLY } } */
  const tryFinally = (body: B.Statement, finalizer: B.Statement) =>
    t.tryStatement(t.blockStatement([body]), null, t.blockStatement([finalizer]));
  /** {try{ STATEMENT } finally { resume(f); }}: however the statement is left, the function resumes. */
  const resumeAfter = (body: B.Statement) => t.blockStatement([tryFinally(body, statement('resume', frame()))]);
  /** try { BODY } finally { disposing(f); }: the block suspends before its disposals. */
  const disposingAfter = (body: B.Statement) =>
    t.tryStatement(t.isBlockStatement(body) ? body : t.blockStatement([body]), null, t.blockStatement([statement('disposing', frame())]));
  return { used, frame, awaited, call, statement, frameDeclarations, standIn, tryFinally, resumeAfter, disposingAfter };
}

/** Puts a node where `path`'s node was (in its parent, or its parent's list). */
function replaceAt(path: NodePath, node: B.Node): void {
  (path.container as unknown as Record<string | number, B.Node>)[path.key!] = node;
}

function applyRewrite(rewrite: Rewrite, t: Types, build: Build): boolean {
  switch (rewrite.kind) {
    case 'await': {
      // (v = await suspend(f, EXPR), resume(f, v, v = void 0)): the frame after EXPR is
      // remembered, the outer one put back before the function suspends, and the remembered
      // one made current on resumption (resumeModule in a module body, which also arms the
      // frame's reset). Nothing is evaluated before the await for resume(): see the text
      // rewrite.
      const node = rewrite.path.node;
      node.argument = build.call('suspend', build.frame(), node.argument);
      const cleared = t.assignmentExpression('=', build.awaited(), t.unaryExpression('void', t.numericLiteral(0)));
      replaceAt(rewrite.path, t.sequenceExpression([
        t.assignmentExpression('=', build.awaited(), node),
        build.call(rewrite.moduleBody ? 'resumeModule' : 'resume', build.frame(), build.awaited(), cleared),
      ]));
      return true;
    }
    case 'yield': {
      // yielded(f, yield yielding(f, EXPR)): the generator pauses in the frame it yields in,
      // and goes on in its next() caller's frame, or in that frame again when resumed later.
      const node = rewrite.path.node;
      // `void 0`: a binding named `undefined` is not what a bare `yield` yields.
      node.argument = build.call('yielding', build.frame(), node.argument ?? t.unaryExpression('void', t.numericLiteral(0)));
      replaceAt(rewrite.path, build.call('yielded', build.frame(), node));
      return true;
    }
    case 'generator-return': {
      // An async generator's `return x` awaits x before finishing.
      const node = rewrite.node;
      node.argument = build.call('yielding', build.frame(), node.argument!);
      return true;
    }
    case 'for-await': {
      // Every next() is called in the function's frame; every pass, and the code after the
      // loop (however it is left), resumes in it.
      const { loop, body } = rewrite;
      loop.right = build.call('iterate', build.frame(), loop.right);
      if (isAwaitUsing(t, loop.left)) disposingBody(loop, t, build);
      else if (t.isBlockStatement(body)) body.body.unshift(build.statement('resume', build.frame()));
      else loop.body = t.blockStatement([build.statement('resume', build.frame()), loop.body]);
      replaceAt(rewrite.statement, build.resumeAfter(rewrite.statement.node as B.Statement));
      return true;
    }
    case 'await-using': {
      // The block disposes its resources, awaiting, when it ends: the rest of the block
      // suspends in a finally, and (unless the function's own end puts the frame back) the
      // code after the block resumes.
      const block = rewrite.path.node;
      const firstUsing = block.body.findIndex((s) => isAwaitUsing(t, s));
      block.body = [
        ...withStandIns(block.body.slice(0, firstUsing + 1), t, build),
        build.disposingAfter(t.blockStatement(withStandIns(block.body.slice(firstUsing + 1), t, build))),
      ];
      if (!rewrite.functionBody) replaceAt(rewrite.path, build.resumeAfter(block));
      return true;
    }
    case 'await-using-loop': {
      // `for (await using x of xs) body`: every pass resumes, and disposes (awaiting) after its body.
      rewrite.loop.right = build.call('resuming', build.frame(), rewrite.loop.right);
      disposingBody(rewrite.loop, t, build);
      replaceAt(rewrite.statement, build.resumeAfter(rewrite.statement.node as B.Statement));
      return true;
    }
    case 'await-using-for': {
      // `for (await using x = X; test; update) body` disposes when the loop ends: the head's
      // declaration moves before the loop, as in a block with `await using`.
      const { loop, statement } = rewrite;
      const declarations = withStandIns([loop.init as B.VariableDeclaration], t, build);
      loop.init = null;
      const body = t.blockStatement([...declarations, build.disposingAfter(statement.node as B.Statement)]);
      replaceAt(statement, t.blockStatement([t.tryStatement(body, null, t.blockStatement([build.statement('resume', build.frame())]))]));
      return true;
    }
    case 'recover-catch': {
      // A rejected await resumes in the catch clause: its binding's defaults first, then the block.
      if (!rewrite.owner.suspends) return false;
      for (const pattern of rewrite.defaults) {
        pattern.right = t.sequenceExpression([build.call('recover', build.frame()), pattern.right]);
      }
      rewrite.body.body.unshift(build.statement('recover', build.frame()));
      return true;
    }
    case 'recover-finally': {
      if (!rewrite.owner.suspends) return false;
      rewrite.finalizer.body.unshift(build.statement('recover', build.frame()));
      return true;
    }
    case 'function': {
      if (!rewrite.owner.suspends) return false;
      wrapFunctionBody(rewrite.fn, t, build);
      return true;
    }
  }
}

/**
 * const f = enter(); let v; try { BODY } finally { leave(f); } — the synchronous part runs in the
 * caller's frame untouched; a return or throw from a resumed piece puts back the frame it found.
 * Directives stay first (Babel keeps them apart from the statements).
 */
function wrapFunctionBody(fn: B.Function, t: Types, build: Build): void {
  const leave = () => t.blockStatement([build.statement('leave', build.frame())]);
  const generator = fn.generator === true;
  if (t.isBlockStatement(fn.body)) {
    fn.body.body = [...build.frameDeclarations(generator), t.tryStatement(t.blockStatement(fn.body.body), null, leave())];
    return;
  }
  // An expression-bodied arrow gets a block that returns the expression.
  const arrow = fn as B.ArrowFunctionExpression;
  arrow.body = t.blockStatement([
    ...build.frameDeclarations(false),
    t.tryStatement(t.blockStatement([t.returnStatement(arrow.body as B.Expression)]), null, leave()),
  ]);
  arrow.expression = false;
}

/**
 * A loop whose head declares `await using x`: the head declares a `const`, and each pass
 * resumes, declares x's stand-in and suspends when it ends.
 */
function disposingBody(loop: B.ForOfStatement, t: Types, build: Build): void {
  const left = loop.left as B.VariableDeclaration;
  left.kind = 'const';
  const name = (left.declarations[0]!.id as B.Identifier).name;
  loop.body = t.blockStatement([
    build.statement('resume', build.frame()),
    build.standIn('await using', name),
    build.tryFinally(loop.body, build.statement('disposing', build.frame())),
  ]);
}
