// The Babel plugin's walk: one read-only traversal of Babel's AST collects every suspension
// point (as src/model/suspension-points.ts tells them) and every catch/finally block, with
// the function (or module body) each belongs to, in post-order. src/babel/emit.ts then
// changes the AST in that order, so a construct is rewritten after everything inside it,
// while the parent node or list that holds it is still the one the traversal saw. A block
// that an inner rewrite wrapped (a block with `await using`) is remembered as it was found,
// so that what the text rewrite puts just inside its `{` goes there and not into the wrapper.

import type { BabelTypes as B, NodePath, Types, Visitor } from './babel-api';
import { isRewrittenBody, isRewrittenModuleBody } from '../model/rewritten-code';
import { isSplittableBlock, isWrappableBody } from '../model/wrappable-body';
import { resolvesThrough } from '../model/returned-values';
import { creationParameter } from '../model/generator-creation';
import {
  ASYNC_GENERATOR_ONLY, OUTER_PARTS_OF_FUNCTION, SUSPENSION_POINTS, catchDefaults, firstAwaitUsing, type NodeLike, type SuspensionKind,
} from '../model/suspension-points';

/** A function or the module body: what owns an await frame. */
export interface Owner {
  node: B.Node;
  suspends: boolean;
  asyncGenerator: boolean;
  /** Left as it is (a module body rewritten before, or a body the rewrite cannot wrap or
   * split): its own suspension points are not rewritten. */
  untouched: boolean;
}

export type Rewrite = { owner: Owner } & (
  | { kind: 'await'; path: NodePath<B.AwaitExpression>; moduleBody: boolean }
  | { kind: 'yield'; path: NodePath<B.YieldExpression> }
  | { kind: 'generator-return'; node: B.ReturnStatement }
  | { kind: 'async-return'; node: B.ReturnStatement }
  | { kind: 'for-await'; loop: B.ForOfStatement; body: B.Statement; statement: NodePath }
  | { kind: 'await-using'; path: NodePath<B.BlockStatement>; functionBody: boolean }
  | { kind: 'await-using-loop'; loop: B.ForOfStatement; statement: NodePath }
  | { kind: 'await-using-for'; loop: B.ForStatement; statement: NodePath }
  | { kind: 'recover-catch'; body: B.BlockStatement; defaults: B.AssignmentPattern[] }
  | { kind: 'recover-finally'; finalizer: B.BlockStatement }
  | { kind: 'function'; fn: B.Function; resolvesBody: boolean; creation: boolean }
  | { kind: 'generator-creation'; fn: B.Function });

export interface Collected {
  /** The file's text ('' where Babel was given only an AST). */
  code: string;
  owners: Map<B.Node, Owner>;
  rewrites: Rewrite[];
  usesImportMeta: boolean;
  /** The module body's owner. */
  top: Owner;
}

export function collect(program: NodePath<B.Program>, t: Types, code: string): Collected {
  const owners = new Map<B.Node, Owner>();
  const collected: Collected = { code, owners, rewrites: [], usesImportMeta: false, top: ownerFor(t, program.node, owners) };
  program.traverse(collector(t), collected);
  return collected;
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
      if (t.isFunction(node) && !OUTER_PARTS_OF_FUNCTION.has(child.listKey ?? child.key)) return ownerFor(t, node, state.owners);
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

  /** The rewrite of a suspension point of this kind. */
  const rewriteOf = (kind: SuspensionKind, path: NodePath, owner: Owner): Rewrite => {
    switch (kind) {
      case 'await':
        return { kind, owner, path: path as NodePath<B.AwaitExpression>, moduleBody: t.isProgram(owner.node) };
      case 'yield':
        return { kind, owner, path: path as NodePath<B.YieldExpression> };
      case 'generator-return':
        return { kind, owner, node: path.node as B.ReturnStatement };
      case 'for-await': {
        const loop = path.node as B.ForOfStatement;
        return { kind, owner, loop, body: loop.body, statement: withLabels(path) };
      }
      case 'await-using-loop':
        return { kind, owner, loop: path.node as B.ForOfStatement, statement: withLabels(path) };
      case 'await-using-for':
        return { kind, owner, loop: path.node as B.ForStatement, statement: withLabels(path) };
    }
  };

  /** Whether an owner is an async function's (not an async generator's): its returns go through resolving(). */
  const isAsyncFunction = (owner: Owner) => t.isFunction(owner.node) && owner.node.async === true && !owner.asyncGenerator;

  // Every node type that can be a suspension point, on exit: inner ones are rewritten first.
  const suspensionPoints: Visitor<Collected> = {};
  for (const [type, classify] of SUSPENSION_POINTS) {
    suspensionPoints[type] = {
      exit(path: NodePath, state: Collected) {
        const kind = classify(path.node as unknown as NodeLike);
        if (kind === undefined) return;
        if (ASYNC_GENERATOR_ONLY.has(kind) && !ownerOf(path, state).asyncGenerator) {
          // 'async function return' (src/model/returned-values.ts), not a suspension point.
          const node = path.node as B.ReturnStatement;
          const owner = type === 'ReturnStatement' ? ownerOf(path, state) : undefined;
          if (owner !== undefined && isAsyncFunction(owner) && resolvesThrough(node.argument as unknown as NodeLike)) {
            state.rewrites.push({ kind: 'async-return', owner, node });
          }
          return;
        }
        const owner = suspending(path, state);
        if (owner !== undefined) state.rewrites.push(rewriteOf(kind, path, owner));
      },
    };
  }

  return {
    ...suspensionPoints,
    Function: {
      // A function rewritten before is left as it is, and so is everything in it; one whose
      // body cannot be wrapped keeps its own suspension points (src/model/wrappable-body.ts).
      enter(path: NodePath<B.Function>, state) {
        const body = path.node.body;
        if (!t.isBlockStatement(body)) return;
        if (isRewrittenBody(body.body)) path.skip();
        else if (path.node.async && !isWrappableBody(body.body)) ownerFor(t, path.node, state.owners).untouched = true;
      },
      exit(path: NodePath<B.Function>, state) {
        const fn = path.node;
        // An async arrow's expression body goes through resolving(), as a return would.
        const resolvesBody = fn.async === true && !t.isBlockStatement(fn.body) && resolvesThrough(fn.body as unknown as NodeLike);
        const owner = resolvesBody ? ownerFor(t, fn, state.owners) : state.owners.get(fn);
        // 'generator creation' (src/model/generator-creation.ts), where Babel was given the code.
        const strict = t.isBlockStatement(fn.body) && fn.body.directives.some((directive) => directive.value.value === 'use strict');
        const creation = fn.generator === true && state.code !== '' && creationParameter(state.code, fn as unknown as NodeLike, strict) !== undefined;
        if (creation && fn.async !== true) state.rewrites.push({ kind: 'generator-creation', owner: ownerFor(t, fn, state.owners), fn });
        if (owner !== undefined) state.rewrites.push({ kind: 'function', owner, fn, resolvesBody, creation });
      },
    },
    BlockStatement: {
      exit(path: NodePath<B.BlockStatement>, state) {
        const firstUsing = firstAwaitUsing(path.node.body);
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
        const defaults = param ? (catchDefaults(param) as unknown as B.AssignmentPattern[]) : [];
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
