// The await rewrite on a Babel AST: the same calls, in the same places, as the text
// rewrite of src/transform/suspension-points.ts. One read-only traversal collects every
// suspension point and every catch/finally block with the function (or module body) it
// belongs to, in post-order; the AST is then changed in that order, so a construct is
// rewritten after everything inside it, while the parent node or list that holds it is
// still the one the traversal saw.

import type { BabelTypes as B, NodePath, Types, Visitor } from './babel-api';
import { FRAME, HELPERS } from './names';

/** A function, a class static block or the module body: what owns an await frame. */
interface Owner {
  node: B.Node;
  suspends: boolean;
  asyncGenerator: boolean;
}

type Rewrite =
  | { kind: 'await'; path: NodePath<B.AwaitExpression> }
  | { kind: 'yield'; node: B.YieldExpression }
  | { kind: 'for-await'; loop: B.ForOfStatement; statement: NodePath }
  | { kind: 'await-using'; path: NodePath<B.BlockStatement>; functionBody: boolean }
  | { kind: 'recover-catch'; owner: Owner; clause: B.CatchClause }
  | { kind: 'recover-finally'; owner: Owner; statement: B.TryStatement }
  | { kind: 'function'; owner: Owner; fn: B.Function };

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
}

export function rewriteSuspensionPoints(program: NodePath<B.Program>, t: Types): RewriteResult {
  const collected: Collected = { owners: new Map(), rewrites: [], usesImportMeta: false };
  program.traverse(collector(t), collected);
  const top = collected.owners.get(program.node);
  const build = builders(t);

  let changed = false;
  for (const rewrite of collected.rewrites) changed = applyRewrite(rewrite, t, build) || changed;
  if (top?.suspends) {
    // The module body is the resumed piece; it has no finally to put the outer frame back,
    // so that is done after its last statement.
    program.node.body.unshift(build.frameDeclaration());
    program.node.body.push(t.expressionStatement(build.call('leave', build.frame())));
    changed = true;
  }
  return { changed, topLevelSuspends: top?.suspends === true, usesImportMeta: collected.usesImportMeta };
}

function collector(t: Types): Visitor<Collected> {
  const ownerFor = (node: B.Node, state: Collected): Owner => {
    const known = state.owners.get(node);
    if (known !== undefined) return known;
    const owner: Owner = { node, suspends: false, asyncGenerator: t.isFunction(node) && node.async === true && node.generator === true };
    state.owners.set(node, owner);
    return owner;
  };

  // The nearest enclosing function, static block or module body. A method's computed key and
  // decorators are evaluated by the code around the method, so they belong to that code.
  const ownerOf = (path: NodePath, state: Collected): Owner => {
    let child = path;
    for (let parent = path.parentPath; parent !== null; child = parent, parent = parent.parentPath) {
      const node = parent.node;
      if (t.isProgram(node) || t.isStaticBlock(node)) return ownerFor(node, state);
      if (t.isFunction(node) && !(t.isMethod(node) && (child.key === 'key' || child.listKey === 'decorators'))) {
        return ownerFor(node, state);
      }
    }
    throw new Error('asyncctx/babel: a node outside the program');
  };

  const isAwaitUsing = (statement: B.Statement) => t.isVariableDeclaration(statement) && statement.kind === 'await using';

  return {
    AwaitExpression: {
      exit(path: NodePath<B.AwaitExpression>, state) {
        ownerOf(path, state).suspends = true;
        state.rewrites.push({ kind: 'await', path });
      },
    },
    YieldExpression: {
      exit(path: NodePath<B.YieldExpression>, state) {
        const owner = ownerOf(path, state);
        if (!owner.asyncGenerator) return;
        owner.suspends = true;
        state.rewrites.push({ kind: 'yield', node: path.node });
      },
    },
    ForOfStatement: {
      exit(path: NodePath<B.ForOfStatement>, state) {
        if (!path.node.await) return;
        ownerOf(path, state).suspends = true;
        // The loop with its labels is what gets wrapped, so `continue label` still works.
        let statement: NodePath = path;
        while (statement.parentPath !== null && t.isLabeledStatement(statement.parentPath.node)) statement = statement.parentPath;
        state.rewrites.push({ kind: 'for-await', loop: path.node, statement });
      },
    },
    BlockStatement: {
      exit(path: NodePath<B.BlockStatement>, state) {
        if (!path.node.body.some(isAwaitUsing)) return;
        ownerOf(path, state).suspends = true;
        const functionBody = path.key === 'body' && path.parentPath !== null && t.isFunction(path.parentPath.node);
        state.rewrites.push({ kind: 'await-using', path, functionBody });
      },
    },
    CatchClause: {
      exit(path: NodePath<B.CatchClause>, state) {
        state.rewrites.push({ kind: 'recover-catch', owner: ownerOf(path, state), clause: path.node });
      },
    },
    TryStatement: {
      exit(path: NodePath<B.TryStatement>, state) {
        if (path.node.finalizer) state.rewrites.push({ kind: 'recover-finally', owner: ownerOf(path, state), statement: path.node });
      },
    },
    Function: {
      exit(path: NodePath<B.Function>, state) {
        const owner = state.owners.get(path.node);
        if (owner !== undefined) state.rewrites.push({ kind: 'function', owner, fn: path.node });
      },
    },
    MetaProperty: {
      exit(path: NodePath<B.MetaProperty>, state) {
        if (path.node.meta.name === 'import') state.usesImportMeta = true;
      },
    },
  };
}

type Build = ReturnType<typeof builders>;

function builders(t: Types) {
  const frame = () => t.identifier(FRAME);
  const call = (helper: string, ...args: B.Expression[]) =>
    t.callExpression(t.memberExpression(t.identifier(HELPERS), t.identifier(helper)), args);
  const statement = (helper: string, ...args: B.Expression[]) => t.expressionStatement(call(helper, ...args));
  const frameDeclaration = () => t.variableDeclaration('const', [t.variableDeclarator(frame(), call('enter'))]);
  return { frame, call, statement, frameDeclaration };
}

/** Puts a node where `path`'s node was (in its parent, or its parent's list). */
function replaceAt(path: NodePath, node: B.Node): void {
  (path.container as unknown as Record<string | number, B.Node>)[path.key!] = node;
}

function applyRewrite(rewrite: Rewrite, t: Types, build: Build): boolean {
  switch (rewrite.kind) {
    case 'await': {
      // resume(f, await suspend(f, EXPR)): the frame after EXPR is remembered, the outer one
      // put back before the function suspends, and the remembered one made current on resumption.
      const node = rewrite.path.node;
      node.argument = build.call('suspend', build.frame(), node.argument);
      replaceAt(rewrite.path, build.call('resume', build.frame(), node));
      return true;
    }
    case 'yield': {
      // The next next() call resumes the generator synchronously, in its caller's frame.
      const node = rewrite.node;
      node.argument = build.call('yielding', build.frame(), node.argument ?? t.identifier('undefined'));
      return true;
    }
    case 'for-await': {
      // Every next() is called in the function's frame; every pass, and the code after the
      // loop, resumes in it.
      const loop = rewrite.loop;
      loop.right = build.call('iterate', build.frame(), loop.right);
      if (t.isBlockStatement(loop.body)) loop.body.body.unshift(build.statement('resume', build.frame()));
      else loop.body = t.blockStatement([build.statement('resume', build.frame()), loop.body]);
      replaceAt(rewrite.statement, t.blockStatement([rewrite.statement.node as B.Statement, build.statement('resume', build.frame())]));
      return true;
    }
    case 'await-using': {
      // The block disposes its resources, awaiting, when it ends: the rest of the block
      // suspends in a finally, and (unless the function's own end puts the frame back) the
      // code after the block resumes.
      const block = rewrite.path.node;
      const firstUsing = block.body.findIndex((s) => t.isVariableDeclaration(s) && s.kind === 'await using');
      block.body = [
        ...block.body.slice(0, firstUsing + 1),
        t.tryStatement(
          t.blockStatement(block.body.slice(firstUsing + 1)),
          null,
          t.blockStatement([build.statement('suspend', build.frame(), t.numericLiteral(0))]),
        ),
      ];
      if (!rewrite.functionBody) replaceAt(rewrite.path, t.blockStatement([block, build.statement('resume', build.frame())]));
      return true;
    }
    case 'recover-catch': {
      // A rejected await resumes in the catch block.
      if (!rewrite.owner.suspends) return false;
      rewrite.clause.body.body.unshift(build.statement('recover', build.frame()));
      return true;
    }
    case 'recover-finally': {
      if (!rewrite.owner.suspends) return false;
      rewrite.statement.finalizer!.body.unshift(build.statement('recover', build.frame()));
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
 * const f = enter(); try { BODY } finally { leave(f); } — the synchronous part runs in the
 * caller's frame untouched; a return or throw from a resumed piece puts back the frame it found.
 * Directives stay first (Babel keeps them apart from the statements).
 */
function wrapFunctionBody(fn: B.Function, t: Types, build: Build): void {
  const leave = () => t.blockStatement([build.statement('leave', build.frame())]);
  if (t.isBlockStatement(fn.body)) {
    fn.body.body = [build.frameDeclaration(), t.tryStatement(t.blockStatement(fn.body.body), null, leave())];
    return;
  }
  // An expression-bodied arrow gets a block that returns the expression.
  const arrow = fn as B.ArrowFunctionExpression;
  arrow.body = t.blockStatement([
    build.frameDeclaration(),
    t.tryStatement(t.blockStatement([t.returnStatement(arrow.body as B.Expression)]), null, leave()),
  ]);
  arrow.expression = false;
}
