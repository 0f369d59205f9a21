// The Babel plugin's way of emitting: the shapes of src/model/shapes.ts built as Babel nodes,
// put in place of (or around) what src/babel/walk.ts collected, in its order.

import type { BabelTypes as B, NodePath, Types } from './babel-api';
import type { GeneratedNames } from '../model/names';
import { CREATION_KEY, type HelperName } from 'anyctx/protocol';
import { firstAwaitUsing, isAwaitUsing, isUsing } from '../model/suspension-points';
import type { Collected, Rewrite } from './walk';

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

/** Rewrites what the walk collected, inner constructs first, then the module body. */
export function emitRewrites(program: B.Program, collected: Collected, t: Types, names: GeneratedNames): RewriteResult {
  const build = builders(t, names);
  // A top-level `await using` is disposed after the last statement: the body suspends
  // there instead of leaving, and its declarations get stand-ins (the block rule).
  const top = collected.top;
  const disposes = !top.untouched && firstAwaitUsing(program.body) !== -1;
  if (disposes) top.suspends = true;

  let changed = false;
  for (const rewrite of collected.rewrites) if (!rewrite.owner.untouched) changed = applyRewrite(rewrite, t, build) || changed;
  if (top.suspends && !top.untouched) {
    // 'module body': the resumed piece; it has no finally to put the outer frame back, so
    // that is done after its last statement.
    if (disposes) program.body = withStandIns(program.body, t, build);
    program.body.unshift(...build.frameDeclarations(false));
    program.body.push(t.expressionStatement(build.call(disposes ? 'disposing' : 'leave', build.frame())));
    changed = true;
  }
  return { changed, topLevelSuspends: top.suspends && !top.untouched, usesImportMeta: collected.usesImportMeta, helpers: build.used };
}

type Build = ReturnType<typeof builders>;

/**
 * 'using stand-in': `await using a = A, b = B` → `const a = A; await using __acd0 = disposer(f, a); const b = B;
 * await using __acd1 = …`, and sync `using` the same way with syncDisposer: the same
 * bindings, values and order, with the engine disposing the stand-ins
 * (src/core/await-disposers.ts).
 */
function withStandIns(statements: B.Statement[], t: Types, build: Build): B.Statement[] {
  return statements.flatMap((statement) => {
    if (!isUsing(statement)) return [statement];
    const kind = (statement as B.VariableDeclaration).kind as 'using' | 'await using';
    return (statement as B.VariableDeclaration).declarations.flatMap((declarator) => [
      t.variableDeclaration('const', [declarator]),
      build.standIn(kind, (declarator.id as B.Identifier).name),
    ]);
  });
}

function builders(t: Types, names: GeneratedNames) {
  const frame = () => t.identifier(names.frame);
  const used = new Set<string>();
  const call = (helper: HelperName, ...args: B.Expression[]) => {
    used.add(helper);
    return t.callExpression(t.memberExpression(t.identifier(names.helpers), t.identifier(helper)), args);
  };
  const statement = (helper: HelperName, ...args: B.Expression[]) => t.expressionStatement(call(helper, ...args));
  const awaited = () => t.identifier(names.awaited);
  /** const f = enter(); let v; (enterGenerator() in an async generator, enterGenerator(c) where it captures its creation) */
  const frameDeclarations = (generator: boolean, creation = false) => [
    t.variableDeclaration('const', [t.variableDeclarator(frame(), creation ? call('enterGenerator', t.identifier(names.creation)) : call(generator ? 'enterGenerator' : 'enter'))]),
    t.variableDeclaration('let', [t.variableDeclarator(awaited())]),
  ];
  /** 'generator creation': ...{ [H.creation]: c = H.capture() } */
  const creationParameter = () => t.restElement(t.objectPattern([t.objectProperty(
    t.memberExpression(t.identifier(names.helpers), t.identifier(CREATION_KEY)),
    t.assignmentPattern(t.identifier(names.creation), call('capture')),
    true,
  )]));
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
  return { names, used, frame, awaited, call, statement, frameDeclarations, creationParameter, standIn, tryFinally, resumeAfter, disposingAfter };
}

/** Puts a node where `path`'s node was (in its parent, or its parent's list). */
function replaceAt(path: NodePath, node: B.Node): void {
  (path.container as unknown as Record<string | number, B.Node>)[path.key!] = node;
}

function applyRewrite(rewrite: Rewrite, t: Types, build: Build): boolean {
  switch (rewrite.kind) {
    case 'await': {
      // 'await': (v = await suspend(f, EXPR), resume(f, v, v = void 0)): the frame after EXPR is
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
      // 'yield': yielded(f, yield yielding(f, EXPR)): the generator pauses in the frame it yields in,
      // and goes on in its next() caller's frame, or in that frame again when resumed later.
      const node = rewrite.path.node;
      // `void 0`: a binding named `undefined` is not what a bare `yield` yields.
      node.argument = build.call('yielding', build.frame(), node.argument ?? t.unaryExpression('void', t.numericLiteral(0)));
      replaceAt(rewrite.path, build.call('yielded', build.frame(), node));
      return true;
    }
    case 'generator-return': {
      // 'async generator return': an async generator's `return x` awaits x before finishing.
      const node = rewrite.node;
      node.argument = build.call('yielding', build.frame(), node.argument!);
      return true;
    }
    case 'async-return': {
      // 'async function return': what the function's promise is resolved with goes through
      // resolving(), so that a thenable's `then` is called in the function's frame.
      const node = rewrite.node;
      node.argument = rewrite.owner.suspends ? build.call('resolving', node.argument!, build.frame()) : build.call('resolving', node.argument!);
      return true;
    }
    case 'for-await': {
      // 'for await': every next() is called in the function's frame; every pass, and the code after the
      // loop (however it is left), resumes in it.
      const { loop, body } = rewrite;
      loop.right = build.call('iterate', build.frame(), loop.right);
      if (isAwaitUsing(loop.left)) disposingBody(loop, t, build);
      else if (t.isBlockStatement(body)) body.body.unshift(build.statement('resume', build.frame()));
      else loop.body = t.blockStatement([build.statement('resume', build.frame()), loop.body]);
      replaceAt(rewrite.statement, build.resumeAfter(rewrite.statement.node as B.Statement));
      return true;
    }
    case 'await-using': {
      // 'block with await using': the block disposes its resources, awaiting, when it ends: the rest of the block
      // suspends in a finally, and (unless the function's own end puts the frame back) the
      // code after the block resumes.
      const block = rewrite.path.node;
      const firstUsing = firstAwaitUsing(block.body);
      block.body = [
        ...withStandIns(block.body.slice(0, firstUsing + 1), t, build),
        build.disposingAfter(t.blockStatement(withStandIns(block.body.slice(firstUsing + 1), t, build))),
      ];
      if (!rewrite.functionBody) replaceAt(rewrite.path, build.resumeAfter(block));
      return true;
    }
    case 'await-using-loop': {
      // 'for (await using … of …)': every pass resumes, and disposes (awaiting) after its body.
      rewrite.loop.right = build.call('resuming', build.frame(), rewrite.loop.right);
      disposingBody(rewrite.loop, t, build);
      replaceAt(rewrite.statement, build.resumeAfter(rewrite.statement.node as B.Statement));
      return true;
    }
    case 'await-using-for': {
      // 'for (await using …; …; …)' disposes when the loop ends: the head's
      // declaration moves before the loop, as in a block with `await using`.
      const { loop, statement } = rewrite;
      const declarations = withStandIns([loop.init as B.VariableDeclaration], t, build);
      loop.init = null;
      const body = t.blockStatement([...declarations, build.disposingAfter(statement.node as B.Statement)]);
      replaceAt(statement, t.blockStatement([t.tryStatement(body, null, t.blockStatement([build.statement('resume', build.frame())]))]));
      return true;
    }
    case 'recover-catch': {
      // 'catch or finally block', 'catch binding default': a rejected await resumes in the
      // catch clause, its binding's defaults first.
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
      // An async arrow's expression body, as 'async function return' (inside the 'concise arrow body' if it suspends).
      if (rewrite.resolvesBody) {
        const body = rewrite.fn.body as B.Expression;
        (rewrite.fn as B.ArrowFunctionExpression).body = rewrite.owner.suspends ? build.call('resolving', body, build.frame()) : build.call('resolving', body);
      }
      if (!rewrite.owner.suspends) return rewrite.resolvesBody;
      wrapFunctionBody(rewrite.fn, t, build, rewrite.creation);
      return true;
    }
    case 'generator-creation': {
      // 'generator creation', a sync generator's: the rest parameter, and the body files the frame first.
      const fn = rewrite.fn;
      fn.params.push(build.creationParameter());
      (fn.body as B.BlockStatement).body.unshift(build.statement('created', t.identifier(build.names.creation)));
      return true;
    }
  }
}

/**
 * 'function body': const f = enter(); let v; try { BODY } finally { leave(f); } — the synchronous part runs in the
 * caller's frame untouched; a return or throw from a resumed piece puts back the frame it found.
 * Directives stay first (Babel keeps them apart from the statements).
 */
function wrapFunctionBody(fn: B.Function, t: Types, build: Build, creation: boolean): void {
  const leave = () => t.blockStatement([build.statement('leave', build.frame())]);
  const generator = fn.generator === true;
  if (t.isBlockStatement(fn.body)) {
    // 'generator creation', an async generator's: the rest parameter, and the frame files it.
    if (creation) fn.params.push(build.creationParameter());
    fn.body.body = [...build.frameDeclarations(generator, creation), t.tryStatement(t.blockStatement(fn.body.body), null, leave())];
    return;
  }
  // 'concise arrow body': a block that returns the expression.
  const arrow = fn as B.ArrowFunctionExpression;
  arrow.body = t.blockStatement([
    ...build.frameDeclarations(false),
    t.tryStatement(t.blockStatement([t.returnStatement(arrow.body as B.Expression)]), null, leave()),
  ]);
  arrow.expression = false;
}

/**
 * 'for await (await using … of …)', 'for (await using … of …)': the head declares a `const`, and each pass
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
