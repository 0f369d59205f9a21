// The map-back of the await rewrite's invariant (test/rewrite/invariant.mjs): every shape a
// rewriter inserts (SHAPES, the one list of them), found in the rewritten program's ESTree
// AST and turned back into the construct it came from, in place. What does not fit a shape
// is left as it is, to differ from the original; what must have been rewritten and was not
// (an await, a catch block of a suspending function, …) is a problem of its own, unless the
// function (or module body) it is in is one the rewrite leaves as it was: rewritten before,
// or under the rule of test/rewrite/left-as-it-was.mjs.
import {
  childrenOf, isDirective, isFrameDeclaration, isFunction, isIdentifier, isNode, isRewrittenBody, isRewrittenModuleBody, lexicalNames,
  mustResolve, referencedFreely, resolvingArgument,
} from './estree.mjs';
import { functionLeftAsItWas, moduleBodyLeftAsItWas } from './left-as-it-was.mjs';

// ---------------------------------------------------------------------------------------
// The shapes, in the output, and what each maps back to. H: the helpers, F and V: the frame
// and awaited-value local of the function (or module body) the shape is in, D: a stand-in.
// The map-back below implements them (the method named on each line), nowhere else.
// ---------------------------------------------------------------------------------------
export const SHAPES = [
  // import { awaitFrames as H } from "…" | const { awaitFrames: H } = require("…") | var H = globalThis[Symbol.for("…")]  →  (removed)   [helpersOf]
  'helpers declaration',
  // [directives] const F = H.enter(); let V; try { BODY } finally { H.leave(F); }  →  [directives] BODY   (H.enterGenerator() in an async generator)   [fn]
  'function body',
  // async () => { const F = H.enter(); let V; try { return E; } finally { H.leave(F); } }  →  async () => E   (normalised: a concise body E is { return E })   [fn]
  'concise arrow body',
  // const F = H.enter(); let V; …; H.leave(F);  (H.disposing(F) when the module body has `await using`)  →  …   [restoreProgram]
  'module body',
  // (V = await H.suspend(F, E), H.resume(F, V, V = void 0))  (H.resumeModule in the module body)  →  await E   [awaited]
  'await',
  // H.yielded(F, yield H.yielding(F, E))  →  yield E   (yield* alike; a bare yield has E = void 0: `yield void 0` ≡ `yield`)   [yielded]
  'yield',
  // return H.yielding(F, E)  in an async generator  →  return E   (`return a, b` as `(a, b)`)   [restore: ReturnStatement]
  'async generator return',
  // return H.resolving(E, F)  in an async function (not a generator; H.resolving(E) where it has no frame)  →  return E;  async () => H.resolving(E)  →  async () => E   (left as it was only where E cannot be a thenable: mustResolve)   [returned, fn]
  'async function return',
  // function* g(…, ...{ [H.creation]: C = H.capture() }) { [directives] H.created(C); … }  →  function* g(…) { [directives] … }   (an async generator: its frame's H.enterGenerator(C))   [creationOf, fn]
  'generator creation',
  // catch (…) { H.recover(F); … }  and  finally { H.recover(F); … }  →  the block without it   [catchClause, tryStatement]
  'catch or finally block',
  // catch ({ a = (H.recover(F), D) })  →  catch ({ a = D })   [recoveredDefaults]
  'catch binding default',
  // {try{ [labels:] for await (L of H.iterate(F, R)) {H.resume(F); …} } finally { H.resume(F); }}  →  [labels:] for await (L of R) …   [forAwait]
  'for await',
  // const a = A; await using D = H.disposer(F, a);  (using D = H.syncDisposer(F, a))  →  await using a = A;  (using a = A;)   [standIns]
  'using stand-in',
  // {try{ { …stand-ins; try { REST } finally { H.disposing(F); } } } finally { H.resume(F); }}  →  { …; REST }  (a function body: no outer {try{…}})   [disposingList]
  'block with await using',
  // {try{ [labels:] for (const x of H.resuming(F, xs)) {H.resume(F); await using D = H.disposer(F, x); try { S } finally { H.disposing(F); }} } finally { H.resume(F); }}  →  for (await using x of xs) S   [awaitUsingLoop]
  'for (await using … of …)',
  // for await (const x of H.iterate(F, xs)) {H.resume(F); await using D = H.disposer(F, x); try { S } finally { H.disposing(F); }}  →  for await (await using x of xs) S   [forAwait]
  'for await (await using … of …)',
  // {try{ const x = X; await using D = H.disposer(F, x); …; try { [labels:] for (; t; u) S } finally { H.disposing(F); } } finally { H.resume(F); }}  →  [labels:] for (await using x = X, …; t; u) S   [awaitUsingFor]
  'for (await using …; …; …)',
];

/** What the helpers can be imported as: all of them, or those of async functions only. */
const HELPERS_EXPORTS = ['awaitFrames', 'awaitFramesBasic'];

/** The helpers' binding, given the statement that declares it, or null. */
function helpersOf(statement) {
  if (statement?.type === 'ImportDeclaration') {
    const [specifier, ...more] = statement.specifiers;
    if (more.length > 0 || specifier?.type !== 'ImportSpecifier' || statement.importKind === 'type') return null;
    if (!HELPERS_EXPORTS.includes(specifier.imported.name ?? specifier.imported.value)) return null;
    return { name: specifier.local.name, exported: specifier.imported.name ?? specifier.imported.value, style: 'import' };
  }
  if (statement?.type !== 'VariableDeclaration' || statement.declarations.length !== 1) return null;
  const { id, init } = statement.declarations[0];
  if (statement.kind === 'const' && id.type === 'ObjectPattern' && id.properties.length === 1) {
    // const { awaitFrames: H } = require("…")
    const property = id.properties[0];
    const required = init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' &&
      init.arguments.length === 1 && typeof init.arguments[0].value === 'string';
    if (!required || property.type !== 'Property' || property.computed || property.value.type !== 'Identifier') return null;
    if (!HELPERS_EXPORTS.includes(property.key.name)) return null;
    return { name: property.value.name, exported: property.key.name, style: 'require' };
  }
  if (statement.kind === 'var' && id.type === 'Identifier') {
    // var H = globalThis[Symbol.for("…")]
    const global = init?.type === 'MemberExpression' && init.computed && init.object.type === 'Identifier' &&
      init.object.name === 'globalThis' && init.property.type === 'CallExpression' &&
      init.property.callee.type === 'MemberExpression' && init.property.callee.object.name === 'Symbol' &&
      init.property.callee.property.name === 'for' && init.property.arguments.length === 1;
    return global ? { name: id.name, exported: 'awaitFrames', style: 'global' } : null;
  }
  return null;
}

const unlabelled = (statement) => (statement.type === 'LabeledStatement' ? unlabelled(statement.body) : statement);

/**
 * Maps one rewritten program back, collecting what does not fit as problems. A scope says
 * where code is: `owner`, the frame of the function (or module body) it is in, null where
 * that has none; `asyncGenerator`; `left`, in a function or module body with no frame, the
 * suspension points found left as they were, which are problems unless it is one the rewrite
 * leaves as it was.
 */
class MapBack {
  /** `helpers`: the name of the helpers' binding, or null if the program declares none;
   * `generatorReturns`: whether an async generator's `return x` is a suspension point (the
   * rewriters do not look at a file that does not say await or yield). */
  constructor(helpers, generatorReturns) {
    this.H = helpers;
    this.generatorReturns = generatorReturns;
    /** Every generated name (the helpers, frames, awaited-value locals, stand-ins). */
    this.generated = new Set(helpers === null ? [] : [helpers]);
    /** What was rewritten wrongly or not at all, with where (an output offset). */
    this.problems = [];
    /** How many functions and module bodies kept their own suspension points under the rule. */
    this.leftByRule = 0;
  }

  problem(node, message) {
    if (this.problems.length < 10) this.problems.push({ at: node?.start ?? 0, message });
  }

  /** A suspension point left as it was: a problem, unless its function may be left so (see `settle`). */
  leftAsItWas(scope, node, message) {
    if (scope.left) scope.left.push({ node, message });
    else this.problem(node, message);
  }

  /** After a function or module body with no frame: what it left as it was is allowed only under the rule. */
  settle(scope, allowed) {
    if (scope.left.length === 0) return;
    if (allowed) this.leftByRule++;
    else for (const { node, message } of scope.left) this.problem(node, message);
  }

  /** The arguments of `H.name(F, …)` with `arity` arguments in `scope`, or null. */
  helperCall(node, name, scope, arity) {
    if (node?.type !== 'CallExpression' || node.optional || scope.owner === null) return null;
    const callee = node.callee;
    if (callee.type !== 'MemberExpression' || callee.computed || callee.optional) return null;
    if (!isIdentifier(callee.object, this.H) || !isIdentifier(callee.property, name)) return null;
    if (node.arguments.length !== arity || !isIdentifier(node.arguments[0], scope.owner.F)) return null;
    return node.arguments;
  }

  /** `H.name(F);` as a statement. */
  isHelperStatement(statement, name, scope) {
    return statement?.type === 'ExpressionStatement' && this.helperCall(statement.expression, name, scope, 1) !== null;
  }

  /** `try { … } finally { H.name(F); }`, with no catch. */
  isTryFinally(statement, name, scope) {
    return statement?.type === 'TryStatement' && statement.handler === null && statement.finalizer?.body.length === 1 &&
      this.isHelperStatement(statement.finalizer.body[0], name, scope);
  }

  /** The frame declared by `const F = H.enter(); let V;` (enterGenerator() too), or null. */
  frameOf(declaration, local) {
    if (!isFrameDeclaration(declaration)) return null;
    const { id, init } = declaration.declarations[0];
    if (!isIdentifier(init.callee.object, this.H)) return null;
    if (local?.type !== 'VariableDeclaration' || local.kind !== 'let' || local.declarations.length !== 1) return null;
    const { id: V, init: value } = local.declarations[0];
    if (V.type !== 'Identifier' || value !== null) return null;
    if (new Set([this.H, id.name, V.name]).size < 3) this.problem(declaration, `the helpers, frame and awaited value are not three names: ${this.H}, ${id.name}, ${V.name}`);
    this.generated.add(id.name).add(V.name);
    return { F: id.name, V: V.name, generator: init.callee.property.name === 'enterGenerator', creation: init.arguments[0]?.name ?? null };
  }

  /** Maps a node back; returns what stands in its place. */
  restore(node, scope) {
    if (Array.isArray(node)) return node.map((child) => this.restore(child, scope));
    if (!isNode(node)) return node;
    switch (node.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return this.fn(node);
      case 'SequenceExpression':
        return this.sequence(node, scope);
      case 'CallExpression': {
        const yielded = this.yielded(node, scope);
        if (yielded !== null) return yielded;
        break;
      }
      case 'AwaitExpression':
        this.leftAsItWas(scope, node, 'an await left as it was');
        break;
      case 'YieldExpression':
        if (scope.asyncGenerator) this.leftAsItWas(scope, node, 'a yield of an async generator left as it was');
        break;
      case 'ReturnStatement':
        if (scope.asyncFunction && node.argument !== null) {
          node.argument = this.returned(node.argument, scope, node);
          return node;
        }
        if (scope.asyncGenerator && node.argument !== null && this.generatorReturns) {
          const args = this.helperCall(node.argument, 'yielding', scope, 2);
          if (args !== null) {
            node.argument = this.restore(args[1], scope);
            return node;
          }
          const arity = this.helperCall(node.argument, 'yielding', scope, node.argument.arguments?.length ?? 0)?.length;
          if (arity === undefined) this.leftAsItWas(scope, node, 'an async generator’s return left as it was');
          else this.problem(node, `an async generator’s return through yielding() with ${arity} arguments`);
        }
        break;
      case 'BlockStatement': {
        const inner = this.wrapped(node, scope);
        if (inner !== null) return inner;
        break;
      }
      case 'ForOfStatement':
        if (node.await) this.leftAsItWas(scope, node, 'a for await left as it was');
        else if (node.left.kind === 'await using') this.leftAsItWas(scope, node, 'a for (await using … of …) left as it was');
        break;
      case 'ForStatement':
        if (node.init?.kind === 'await using') this.leftAsItWas(scope, node, 'a for (await using …;;) left as it was');
        break;
      case 'VariableDeclaration':
        if (node.kind === 'await using') this.leftAsItWas(scope, node, 'an await using left as it was, or a stand-in out of place');
        break;
      case 'CatchClause':
        return this.catchClause(node, scope);
      case 'TryStatement':
        return this.tryStatement(node, scope);
    }
    for (const [key, value] of childrenOf(node)) node[key] = this.restore(value, scope);
    return node;
  }

  /**
   * What an async function returns (`node`: the return statement, or the arrow): `H.resolving(E)`
   * maps back to E; E left as it was must be one that cannot be a thenable, or a value handed
   * through helpers of another name (code rewritten before).
   */
  returned(argument, scope, node) {
    const resolved = this.H === null ? null : resolvingArgument(argument, this.H);
    if (resolved !== null) return this.restore(resolved, scope);
    const restored = this.restore(argument, scope);
    if (mustResolve(restored)) this.leftAsItWas(scope, node, 'a return of an async function left as it was');
    return restored;
  }

  /** A generator's last parameter `...{ [H.creation]: C = H.capture() }`, taken off: C, or null. */
  creationOf(node) {
    const param = node.generator ? node.params.at(-1) : undefined;
    if (param?.type !== 'RestElement' || param.argument.type !== 'ObjectPattern' || param.argument.properties.length !== 1) return null;
    const [property] = param.argument.properties;
    const isHelper = (e, name) => e?.type === 'MemberExpression' && !e.computed && isIdentifier(e.object, this.H) && isIdentifier(e.property, name);
    const value = property.value;
    if (property.type !== 'Property' || !property.computed || !isHelper(property.key, 'creation') || value.type !== 'AssignmentPattern') return null;
    if (value.left.type !== 'Identifier' || value.right.type !== 'CallExpression' || value.right.arguments.length !== 0 || !isHelper(value.right.callee, 'capture')) return null;
    node.params.pop();
    this.generated.add(value.left.name);
    return value.left.name;
  }

  /** A function: its parameters and name never suspend; its body may open with its frame. */
  fn(node) {
    const creation = this.H === null ? null : this.creationOf(node);
    if (creation !== null && !node.async) {
      // A sync generator files its creation first thing.
      const statements = node.body.body;
      const first = statements.findIndex((statement) => !isDirective(statement));
      const created = statements[first];
      const call = created?.type === 'ExpressionStatement' ? created.expression : null;
      if (call?.type === 'CallExpression' && call.callee.type === 'MemberExpression' && isIdentifier(call.callee.object, this.H) &&
        isIdentifier(call.callee.property, 'created') && call.arguments.length === 1 && isIdentifier(call.arguments[0], creation)) statements.splice(first, 1);
      else this.problem(node, 'a sync generator with a creation parameter whose body does not file it first');
    }
    const outside = { owner: null, asyncGenerator: false };
    for (const [key, value] of childrenOf(node)) if (key !== 'body') node[key] = this.restore(value, outside);
    const asyncGenerator = node.async && node.generator;
    const asyncFunction = node.async && !node.generator;
    const body = node.body;
    const unframed = { owner: null, asyncGenerator, asyncFunction, left: [] };
    if (body?.type !== 'BlockStatement') {
      node.body = asyncFunction ? this.returned(body, unframed, node) : this.restore(body, unframed);
      this.settle(unframed, false);
      return node;
    }
    const directives = body.body.filter(isDirective);
    const rest = body.body.slice(directives.length);
    const frame = rest.length === 3 ? this.frameOf(rest[0], rest[1]) : null;
    // Rewritten before (by another run, its helpers of another name): left as it is, all of it.
    if (frame === null && node.async && isRewrittenBody(rest)) return node;
    const inner = frame && { owner: { ...frame, module: false }, asyncGenerator, asyncFunction };
    if (frame === null || !this.isTryFinally(rest[2], 'leave', inner)) {
      // No frame: its own suspension points are left as they were, which the rule must allow
      // (decided on the body mapped back, which is then compared with the original's). A
      // frame without its try/finally is no shape: left as it is, it differs from the original.
      body.body = this.restore(body.body, unframed);
      this.settle(unframed, functionLeftAsItWas(node));
      return node;
    }
    if (!node.async) this.problem(node, 'a function that is not async has a frame');
    if (frame.generator !== asyncGenerator) this.problem(node, `an ${asyncGenerator ? 'async generator' : 'async function'} with the frame of the other kind`);
    if (frame.creation !== creation) this.problem(node, `an async generator whose frame files ${frame.creation ?? 'no creation'}, its parameter ${creation ?? 'none'}`);
    const statements = rest[2].block.body;
    body.body = [...directives, ...(this.disposingList(statements, inner) ?? this.restore(statements, inner))];
    return node;
  }

  /**
   * (V = await H.suspend(F, E), H.resume(F, V, V = void 0))  →  await E. Babel prints the pair
   * inside a longer sequence without its parentheses (`a, V = await …, H.resume(…), b`), so
   * the pair is looked for among the expressions of any sequence.
   */
  sequence(node, scope) {
    const expressions = [];
    for (let i = 0; i < node.expressions.length; i++) {
      const awaited = this.awaited(node.expressions[i], node.expressions[i + 1], scope);
      if (awaited !== null) i++;
      expressions.push(awaited ?? this.restore(node.expressions[i], scope));
    }
    if (expressions.length === 1) return expressions[0];
    node.expressions = expressions;
    return node;
  }

  awaited(assignment, resumption, scope) {
    const owner = scope.owner;
    if (owner === null || resumption === undefined) return null;
    if (assignment.type !== 'AssignmentExpression' || assignment.operator !== '=' || !isIdentifier(assignment.left, owner.V)) return null;
    const awaiting = assignment.right;
    if (awaiting.type !== 'AwaitExpression') return null;
    const suspended = this.helperCall(awaiting.argument, 'suspend', scope, 2);
    const args = this.helperCall(resumption, owner.module ? 'resumeModule' : 'resume', scope, 3);
    if (suspended === null || args === null || !isIdentifier(args[1], owner.V)) return null;
    const cleared = args[2];
    const isVoidZero = (e) => e.type === 'UnaryExpression' && e.operator === 'void' && e.argument.type === 'Literal' && e.argument.value === 0;
    if (cleared.type !== 'AssignmentExpression' || cleared.operator !== '=' || !isIdentifier(cleared.left, owner.V) || !isVoidZero(cleared.right)) return null;
    awaiting.argument = this.restore(suspended[1], scope);
    return awaiting;
  }

  /** H.yielded(F, yield H.yielding(F, E))  →  yield E */
  yielded(node, scope) {
    if (!scope.asyncGenerator) return null;
    const args = this.helperCall(node, 'yielded', scope, 2);
    if (args === null || args[1].type !== 'YieldExpression') return null;
    const yielding = this.helperCall(args[1].argument, 'yielding', scope, 2);
    if (yielding === null) return null;
    args[1].argument = this.restore(yielding[1], scope);
    return args[1];
  }

  /** catch: the binding's defaults and the block recover first. */
  catchClause(node, scope) {
    if (node.param !== null) {
      if (scope.owner !== null) this.recoveredDefaults(node.param, scope);
      node.param = this.restore(node.param, scope);
    }
    node.body = this.restore(node.body, scope);
    if (scope.owner !== null) this.recovered(node.body, scope, 'catch');
    return node;
  }

  tryStatement(node, scope) {
    node.block = this.restore(node.block, scope);
    node.handler = this.restore(node.handler, scope);
    if (node.finalizer !== null) {
      node.finalizer = this.restore(node.finalizer, scope);
      if (scope.owner !== null) this.recovered(node.finalizer, scope, 'finally');
    }
    return node;
  }

  /** Drops the `H.recover(F);` a catch or finally block of a suspending function opens with. */
  recovered(block, scope, what) {
    if (this.isHelperStatement(block.body[0], 'recover', scope)) block.body.shift();
    else this.problem(block, `a ${what} block that does not recover first`);
  }

  /** catch ({ a = (H.recover(F), D) })  →  catch ({ a = D }): every default outside functions, as the rewriters find them. */
  recoveredDefaults(pattern, scope) {
    const visit = (node) => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (!isNode(node) || isFunction(node)) return;
      if (node.type === 'AssignmentPattern') {
        const right = node.right;
        // `(H.recover(F), D)`; where D is a rewritten await, the oxc rewrite closes the two in the
        // other order: `(H.recover(F), (V = await …), H.resume(…))`, the same sequence.
        if (right.type === 'SequenceExpression' && this.helperCall(right.expressions[0], 'recover', scope, 1) !== null) {
          const rest = right.expressions.slice(1);
          node.right = rest.length === 1 ? rest[0] : { ...right, expressions: rest };
        } else {
          this.problem(node, 'a catch binding default that does not recover first');
        }
      }
      for (const [, value] of childrenOf(node)) visit(value);
    };
    visit(pattern);
  }

  /** `const a = A;` followed by a's stand-in: the stand-in's kind ('await using' or 'using'), or null. */
  standInKind(declaration, standIn, scope) {
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const' || declaration.declarations.length !== 1) return null;
    const id = declaration.declarations[0].id;
    if (id.type !== 'Identifier' || standIn?.type !== 'VariableDeclaration' || standIn.declarations.length !== 1) return null;
    const helper = { 'await using': 'disposer', using: 'syncDisposer' }[standIn.kind];
    const { id: D, init } = standIn.declarations[0];
    if (helper === undefined || D.type !== 'Identifier') return null;
    const args = this.helperCall(init, helper, scope, 2);
    if (args === null || !isIdentifier(args[1], id.name)) return null;
    if ([this.H, scope.owner.F, scope.owner.V].includes(D.name)) this.problem(standIn, `the stand-in ${D.name} has the name of a helper, frame or value`);
    this.generated.add(D.name);
    return standIn.kind;
  }

  /** A statement list whose `using` declarations all have stand-ins. */
  standIns(statements, scope) {
    const restored = [];
    for (let i = 0; i < statements.length; i++) {
      const statement = statements[i];
      const kind = this.standInKind(statement, statements[i + 1], scope);
      if (kind !== null) {
        restored.push({ ...statement, kind, declarations: [this.restore(statement.declarations[0], scope)] });
        i++;
        continue;
      }
      if (statement.type === 'VariableDeclaration' && statement.kind === 'using') this.problem(statement, 'a using declaration without its stand-in');
      restored.push(this.restore(statement, scope));
    }
    return restored;
  }

  /** …stand-ins up to the first `await using`; try { REST } finally { H.disposing(F); }  →  …; REST  (or null). */
  disposingList(statements, scope) {
    const last = statements.at(-1);
    if (!this.isTryFinally(last, 'disposing', scope)) return null;
    const before = statements.slice(0, -1);
    if (this.standInKind(before.at(-2), before.at(-1), scope) !== 'await using') return null;
    const prefix = this.standIns(before, scope);
    const rest = this.standIns(last.block.body, scope);
    // The rest of the block is now a block of its own: what it declares is not seen before it.
    const moved = referencedFreely(prefix, new Set(lexicalNames(rest)));
    if (moved !== undefined) this.problem(last, `${moved}, declared after the first await using, is referred to before it, and the rewrite moves its declaration into a block`);
    return [...prefix, ...rest];
  }

  /** `{try{ S } finally { H.resume(F); }}` around a block with `await using` or a loop: what S maps back to, or null. */
  wrapped(block, scope) {
    if (scope.owner === null || block.body.length !== 1 || !this.isTryFinally(block.body[0], 'resume', scope)) return null;
    const inner = block.body[0].block.body;
    if (inner.length === 1 && inner[0].type === 'BlockStatement') {
      const statements = this.disposingList(inner[0].body, scope);
      if (statements === null) return null;
      inner[0].body = statements;
      return inner[0];
    }
    if (inner.length === 1) {
      const loop = unlabelled(inner[0]);
      if (loop.type === 'ForOfStatement' && loop.await && this.helperCall(loop.right, 'iterate', scope, 2) !== null) {
        this.forAwait(loop, scope);
        return inner[0];
      }
      if (loop.type === 'ForOfStatement' && !loop.await && this.helperCall(loop.right, 'resuming', scope, 2) !== null) {
        this.awaitUsingLoop(loop, scope);
        return inner[0];
      }
    }
    return this.awaitUsingFor(inner, scope);
  }

  /** for await (L of H.iterate(F, R)) {H.resume(F); …}  →  for await (L of R) … */
  forAwait(loop, scope) {
    loop.right = this.restore(loop.right.arguments[1], scope);
    loop.left = this.restore(loop.left, scope);
    if (this.disposingBody(loop, scope)) return;
    const body = this.restore(loop.body, scope);
    if (body.type === 'BlockStatement' && this.isHelperStatement(body.body[0], 'resume', scope)) body.body.shift();
    else this.problem(loop, 'a for await body that does not resume first');
    loop.body = body;
  }

  /** for (const x of H.resuming(F, xs)) {…}  →  for (await using x of xs) … */
  awaitUsingLoop(loop, scope) {
    loop.right = this.restore(loop.right.arguments[1], scope);
    loop.left = this.restore(loop.left, scope);
    if (!this.disposingBody(loop, scope)) {
      this.problem(loop, 'a for (await using … of …) body without its stand-in');
      loop.body = this.restore(loop.body, scope);
    }
  }

  /**
   * A loop whose head declared `await using x` (now `const x`), with the body
   * `{H.resume(F); await using D = H.disposer(F, x); try { S } finally { H.disposing(F); }}`:
   * the head's kind and S put back. False if the body is not that.
   */
  disposingBody(loop, scope) {
    const left = loop.left;
    const body = loop.body;
    if (left.type !== 'VariableDeclaration' || left.kind !== 'const' || left.declarations.length !== 1) return false;
    if (body.type !== 'BlockStatement' || body.body.length !== 3 || !this.isHelperStatement(body.body[0], 'resume', scope)) return false;
    const standIn = body.body[1];
    const attempt = this.standInKind({ type: 'VariableDeclaration', kind: 'const', declarations: left.declarations }, standIn, scope);
    const disposing = body.body[2];
    if (attempt !== 'await using' || !this.isTryFinally(disposing, 'disposing', scope) || disposing.block.body.length !== 1) return false;
    left.kind = 'await using';
    loop.body = this.restore(disposing.block.body[0], scope);
    return true;
  }

  /** const x = X; <stand-in>; …; try { [labels:] for (; t; u) S } finally { H.disposing(F); }  →  [labels:] for (await using x = X, …; t; u) S */
  awaitUsingFor(statements, scope) {
    const last = statements.at(-1);
    if (statements.length < 3 || statements.length % 2 === 0 || !this.isTryFinally(last, 'disposing', scope) || last.block.body.length !== 1) return null;
    const labelled = last.block.body[0];
    const loop = unlabelled(labelled);
    if (loop.type !== 'ForStatement' || loop.init !== null) return null;
    const declarators = [];
    for (let i = 0; i < statements.length - 1; i += 2) {
      if (this.standInKind(statements[i], statements[i + 1], scope) !== 'await using') return null;
      declarators.push(this.restore(statements[i].declarations[0], scope));
    }
    loop.init = { ...statements[0], kind: 'await using', declarations: declarators };
    loop.test = this.restore(loop.test, scope);
    loop.update = this.restore(loop.update, scope);
    loop.body = this.restore(loop.body, scope);
    return labelled;
  }
}

/** The helpers' declaration of a program (after its directives), or null. */
export const helpersOfProgram = (program) => helpersOf(program.body[program.body.filter(isDirective).length]);

/**
 * The program maps back (in place): the helpers' declaration goes (`helpers`: what
 * helpersOfProgram found, or null if the rewrite declared none), and the module body's frame
 * if it has one; `generatorReturns` as MapBack's. Returns the map-back: its `problems`,
 * `generated` names and `leftByRule`.
 */
export function restoreProgram(program, helpers, { generatorReturns = true } = {}) {
  const directives = program.body.filter(isDirective);
  const mapBack = new MapBack(helpers?.name ?? null, generatorReturns);
  const body = program.body.slice(directives.length + (helpers === null ? 0 : 1));
  const frame = mapBack.frameOf(body[0], body[1]);
  const last = body.at(-1);
  let restored;
  if (frame !== null && !frame.generator) {
    const scope = { owner: { ...frame, module: true }, asyncGenerator: false };
    if (mapBack.isHelperStatement(last, 'leave', scope)) {
      restored = mapBack.restore(body.slice(2, -1), scope);
    } else if (mapBack.isHelperStatement(last, 'disposing', scope)) {
      // A top-level `await using`: every using declaration of the module body has a stand-in.
      restored = mapBack.standIns(body.slice(2, -1), scope);
    }
  }
  if (restored === undefined) {
    // No frame: a module body rewritten before keeps its own suspension points, as may one
    // under the rule (decided on the body mapped back).
    const rewrittenBefore = isRewrittenModuleBody(body);
    const scope = { owner: null, asyncGenerator: false, left: [] };
    restored = mapBack.restore(body, scope);
    if (!rewrittenBefore) mapBack.settle(scope, moduleBodyLeftAsItWas({ body: restored }));
  }
  program.body = [...directives, ...restored];
  return mapBack;
}
