// The bad-input table: each case makes one wrong call (wrong type, missing argument,
// out-of-range value) against a module namespace shaped like node:async_hooks plus
// `AsyncContext`, i.e. whatever '#ctx' resolves to. bad-input.test.mjs runs every case
// under Node 24's own async_hooks and under the portable engine and compares what
// was thrown. Expected results are never written here: Node 24 is the oracle.
//
// AsyncContext has no native counterpart in Node, so its oracle is anyctx's own default
// entry (built on the native AsyncLocalStorage). Those cases also carry `spec`: what the
// TC39 proposal requires (as test262 checks it), so that entry is held to the proposal
// rather than trusted blindly.

// What test262 expects; the proposal gives these TypeErrors no `code`.
const SPEC_THROWS_TYPE_ERROR = { threw: true, errorClass: 'TypeError' };
const SPEC_DOES_NOT_THROW = { threw: false };

// Runs `call` while a hook with `callbacks` is enabled, and always disables it again,
// so that no case leaks an enabled hook into the next one.
function withEnabledHook(ctx, callbacks, call) {
  const hook = ctx.createHook(callbacks).enable();
  try {
    return call();
  } finally {
    hook.disable();
  }
}

const noop = () => {};

const asyncLocalStorageCases = [
  { name: 'new AsyncLocalStorage(1): options is a number', run: (ctx) => new ctx.AsyncLocalStorage(1) },
  { name: "new AsyncLocalStorage('s'): options is a string", run: (ctx) => new ctx.AsyncLocalStorage('s') },
  { name: 'new AsyncLocalStorage(null)', run: (ctx) => new ctx.AsyncLocalStorage(null) },
  { name: 'new AsyncLocalStorage(true)', run: (ctx) => new ctx.AsyncLocalStorage(true) },
  { name: 'new AsyncLocalStorage([]): options is an array', run: (ctx) => new ctx.AsyncLocalStorage([]) },
  { name: 'new AsyncLocalStorage(fn): options is a function', run: (ctx) => new ctx.AsyncLocalStorage(noop) },
  { name: 'new AsyncLocalStorage(undefined)', run: (ctx) => new ctx.AsyncLocalStorage(undefined) },
  // How Node words what it received: -0, bigints, long strings, quotes, unnamed functions,
  // objects without a named constructor.
  { name: 'new AsyncLocalStorage(-0)', run: (ctx) => new ctx.AsyncLocalStorage(-0) },
  { name: 'new AsyncLocalStorage(5n)', run: (ctx) => new ctx.AsyncLocalStorage(5n) },
  { name: 'new AsyncLocalStorage(a 40-character string)', run: (ctx) => new ctx.AsyncLocalStorage('x'.repeat(40)) },
  { name: "new AsyncLocalStorage(\"it's\"): a string with a single quote", run: (ctx) => new ctx.AsyncLocalStorage("it's") },
  { name: 'new AsyncLocalStorage(() => {}): an unnamed function', run: (ctx) => new ctx.AsyncLocalStorage((() => () => {})()) },
  { name: 'AsyncLocalStorage.bind(Object.create(null))', run: (ctx) => ctx.AsyncLocalStorage.bind(Object.create(null)) },
  { name: 'AsyncLocalStorage.bind(a null-prototype object with a property)', run: (ctx) => ctx.AsyncLocalStorage.bind(Object.assign(Object.create(null), { a: 1 })) },
  { name: 'AsyncLocalStorage.bind(an object whose constructor has no name)', run: (ctx) => ctx.AsyncLocalStorage.bind({ constructor: {} }) },
  { name: 'AsyncLocalStorage.bind(an instance of an unnamed class)', run: (ctx) => ctx.AsyncLocalStorage.bind(new ((() => class {})())()) },
  { name: 'new AsyncLocalStorage({ name: 1 }): name is not a string', run: (ctx) => new ctx.AsyncLocalStorage({ name: 1 }) },
  { name: 'new AsyncLocalStorage({ name: {} })', run: (ctx) => new ctx.AsyncLocalStorage({ name: {} }) },
  { name: 'new AsyncLocalStorage({ name: Symbol() }): name cannot become a string', run: (ctx) => new ctx.AsyncLocalStorage({ name: Symbol('s') }) },
  { name: 'new AsyncLocalStorage({ defaultValue: null })', run: (ctx) => new ctx.AsyncLocalStorage({ defaultValue: null }) },
  { name: 'AsyncLocalStorage() called without new', run: (ctx) => ctx.AsyncLocalStorage() },
  { name: 'als.run(store): fn missing', run: (ctx) => new ctx.AsyncLocalStorage().run(1) },
  { name: 'als.run(store, 2): fn is a number', run: (ctx) => new ctx.AsyncLocalStorage().run(1, 2) },
  { name: "als.run(store, 'f'): fn is a string", run: (ctx) => new ctx.AsyncLocalStorage().run(1, 'f') },
  { name: 'als.run(store, {}): fn is an object', run: (ctx) => new ctx.AsyncLocalStorage().run(1, {}) },
  { name: 'als.run(store, null)', run: (ctx) => new ctx.AsyncLocalStorage().run(1, null) },
  { name: 'als.exit(): fn missing', run: (ctx) => new ctx.AsyncLocalStorage().exit() },
  { name: 'als.exit(1): fn is a number', run: (ctx) => new ctx.AsyncLocalStorage().exit(1) },
  { name: 'als.enterWith(): store missing', run: (ctx) => new ctx.AsyncLocalStorage().enterWith() },
  { name: "als.getStore('x'): extra argument", run: (ctx) => new ctx.AsyncLocalStorage().getStore('x') },
  { name: 'als.disable(1): extra argument', run: (ctx) => new ctx.AsyncLocalStorage().disable(1) },
  { name: 'AsyncLocalStorage.bind(): fn missing', run: (ctx) => ctx.AsyncLocalStorage.bind() },
  { name: 'AsyncLocalStorage.bind(null)', run: (ctx) => ctx.AsyncLocalStorage.bind(null) },
  { name: 'AsyncLocalStorage.bind(1): fn is a number', run: (ctx) => ctx.AsyncLocalStorage.bind(1) },
  { name: "AsyncLocalStorage.bind(''): fn is an empty string", run: (ctx) => ctx.AsyncLocalStorage.bind('') },
  { name: 'AsyncLocalStorage.bind({}): fn is an object', run: (ctx) => ctx.AsyncLocalStorage.bind({}) },
  { name: "AsyncLocalStorage.snapshot('x'): extra argument", run: (ctx) => ctx.AsyncLocalStorage.snapshot('x') },
  { name: 'AsyncLocalStorage.snapshot()(): fn missing', run: (ctx) => ctx.AsyncLocalStorage.snapshot()() },
  { name: 'AsyncLocalStorage.snapshot()(1): fn is a number', run: (ctx) => ctx.AsyncLocalStorage.snapshot()(1) },
  { name: 'AsyncLocalStorage.snapshot()(null)', run: (ctx) => ctx.AsyncLocalStorage.snapshot()(null) },
  { name: 'AsyncLocalStorage.snapshot()({}): fn is an object', run: (ctx) => ctx.AsyncLocalStorage.snapshot()({}) },
];

const asyncResourceCases = [
  { name: 'new AsyncResource(): type missing', run: (ctx) => new ctx.AsyncResource() },
  { name: 'new AsyncResource(1): type is a number', run: (ctx) => new ctx.AsyncResource(1) },
  { name: 'new AsyncResource(null)', run: (ctx) => new ctx.AsyncResource(null) },
  { name: 'new AsyncResource(Symbol())', run: (ctx) => new ctx.AsyncResource(Symbol('t')) },
  { name: 'new AsyncResource({}): type is an object', run: (ctx) => new ctx.AsyncResource({}) },
  { name: "new AsyncResource(''): empty type, no hook", run: (ctx) => new ctx.AsyncResource('') },
  {
    name: "new AsyncResource(''): empty type while an init hook is enabled",
    run: (ctx) => withEnabledHook(ctx, { init: noop }, () => new ctx.AsyncResource('')),
  },
  {
    name: "new AsyncResource(''): empty type while only a before hook is enabled",
    run: (ctx) => withEnabledHook(ctx, { before: noop }, () => new ctx.AsyncResource('')),
  },
  {
    name: "new AsyncResource(''): empty type, init hook created but disabled",
    run: (ctx) => {
      ctx.createHook({ init: noop }).enable().disable();
      return new ctx.AsyncResource('');
    },
  },
  {
    name: "new AsyncResource('', { triggerAsyncId: -2 }) with an init hook: which check wins",
    run: (ctx) => withEnabledHook(ctx, { init: noop }, () => new ctx.AsyncResource('', { triggerAsyncId: -2 })),
  },
  { name: 'new AsyncResource(1, -2): bad type and bad id, which check wins', run: (ctx) => new ctx.AsyncResource(1, -2) },
  { name: "new AsyncResource('T', 5): options as a number id", run: (ctx) => new ctx.AsyncResource('T', 5) },
  { name: "new AsyncResource('T', -1): options as id -1", run: (ctx) => new ctx.AsyncResource('T', -1) },
  { name: "new AsyncResource('T', -0)", run: (ctx) => new ctx.AsyncResource('T', -0) },
  { name: "new AsyncResource('T', -2): number id below -1", run: (ctx) => new ctx.AsyncResource('T', -2) },
  { name: "new AsyncResource('T', 1.5): fractional number id", run: (ctx) => new ctx.AsyncResource('T', 1.5) },
  { name: "new AsyncResource('T', NaN)", run: (ctx) => new ctx.AsyncResource('T', NaN) },
  { name: "new AsyncResource('T', Infinity)", run: (ctx) => new ctx.AsyncResource('T', Infinity) },
  { name: "new AsyncResource('T', '5'): options is a string", run: (ctx) => new ctx.AsyncResource('T', '5') },
  { name: "new AsyncResource('T', true): options is a boolean", run: (ctx) => new ctx.AsyncResource('T', true) },
  { name: "new AsyncResource('T', null): options is null", run: (ctx) => new ctx.AsyncResource('T', null) },
  { name: "new AsyncResource('T', {}): empty options", run: (ctx) => new ctx.AsyncResource('T', {}) },
  { name: "new AsyncResource('T', { triggerAsyncId: -1 })", run: (ctx) => new ctx.AsyncResource('T', { triggerAsyncId: -1 }) },
  { name: "new AsyncResource('T', { triggerAsyncId: undefined })", run: (ctx) => new ctx.AsyncResource('T', { triggerAsyncId: undefined }) },
  { name: "new AsyncResource('T', { triggerAsyncId: -2 })", run: (ctx) => new ctx.AsyncResource('T', { triggerAsyncId: -2 }) },
  { name: "new AsyncResource('T', { triggerAsyncId: '1' }): id is a string", run: (ctx) => new ctx.AsyncResource('T', { triggerAsyncId: '1' }) },
  { name: "new AsyncResource('T', { triggerAsyncId: null })", run: (ctx) => new ctx.AsyncResource('T', { triggerAsyncId: null }) },
  { name: "new AsyncResource('T', { triggerAsyncId: NaN })", run: (ctx) => new ctx.AsyncResource('T', { triggerAsyncId: NaN }) },
  { name: "new AsyncResource('T', { triggerAsyncId: 1.5 })", run: (ctx) => new ctx.AsyncResource('T', { triggerAsyncId: 1.5 }) },
  { name: "new AsyncResource('T', { triggerAsyncId: 1n }): id is a bigint", run: (ctx) => new ctx.AsyncResource('T', { triggerAsyncId: 1n }) },
  { name: "new AsyncResource('T', { triggerAsyncId: Infinity })", run: (ctx) => new ctx.AsyncResource('T', { triggerAsyncId: Infinity }) },
  { name: "new AsyncResource('T', { triggerAsyncId: 'x' })", run: (ctx) => new ctx.AsyncResource('T', { triggerAsyncId: 'x' }) },
  { name: "new AsyncResource('T', { triggerAsyncId: 2 ** 53 }): id not a safe integer", run: (ctx) => new ctx.AsyncResource('T', { triggerAsyncId: 2 ** 53 }) },
  { name: "new AsyncResource('T', { requireManualDestroy: 'yes' }): non-boolean flag", run: (ctx) => new ctx.AsyncResource('T', { requireManualDestroy: 'yes' }) },
  { name: "AsyncResource('T') called without new", run: (ctx) => ctx.AsyncResource('T') },
  { name: 'resource.runInAsyncScope(): fn missing', run: (ctx) => new ctx.AsyncResource('T').runInAsyncScope() },
  { name: 'resource.runInAsyncScope(1): fn is a number', run: (ctx) => new ctx.AsyncResource('T').runInAsyncScope(1) },
  { name: "resource.runInAsyncScope('f'): fn is a string", run: (ctx) => new ctx.AsyncResource('T').runInAsyncScope('f') },
  { name: 'resource.bind(): fn missing', run: (ctx) => new ctx.AsyncResource('T').bind() },
  { name: 'resource.bind(null)', run: (ctx) => new ctx.AsyncResource('T').bind(null) },
  { name: 'resource.bind(1): fn is a number', run: (ctx) => new ctx.AsyncResource('T').bind(1) },
  { name: 'resource.bind({}): fn is an object', run: (ctx) => new ctx.AsyncResource('T').bind({}) },
  { name: 'AsyncResource.bind(): fn missing', run: (ctx) => ctx.AsyncResource.bind() },
  { name: 'AsyncResource.bind(null)', run: (ctx) => ctx.AsyncResource.bind(null) },
  { name: "AsyncResource.bind('s'): fn is a string", run: (ctx) => ctx.AsyncResource.bind('s') },
  { name: "AsyncResource.bind(1, 'T'): fn is a number", run: (ctx) => ctx.AsyncResource.bind(1, 'T') },
  { name: 'AsyncResource.bind(fn, 1): type is a number', run: (ctx) => ctx.AsyncResource.bind(noop, 1) },
  { name: "AsyncResource.bind(fn, ''): empty type falls back to a name", run: (ctx) => ctx.AsyncResource.bind(noop, '') },
  {
    name: "AsyncResource.bind(anonymous fn, '') while an init hook is enabled",
    run: (ctx) => withEnabledHook(ctx, { init: noop }, () => ctx.AsyncResource.bind(function () {}, '')),
  },
  {
    name: 'resource.emitDestroy() twice',
    run: (ctx) => {
      const resource = new ctx.AsyncResource('T');
      resource.emitDestroy();
      return resource.emitDestroy();
    },
  },
  {
    name: 'resource.emitDestroy() twice while a destroy hook is enabled',
    run: (ctx) => withEnabledHook(ctx, { destroy: noop }, () => {
      const resource = new ctx.AsyncResource('T');
      resource.emitDestroy();
      return resource.emitDestroy();
    }),
  },
  { name: 'resource.emitDestroy(1): extra argument', run: (ctx) => new ctx.AsyncResource('T').emitDestroy(1) },
  { name: "resource.asyncId('x') and triggerAsyncId('x'): extra argument", run: (ctx) => {
    const resource = new ctx.AsyncResource('T');
    return [resource.asyncId('x'), resource.triggerAsyncId('x')];
  } },
];

const hookCallbackNames = ['init', 'before', 'after', 'destroy', 'promiseResolve'];

const hookCases = [
  { name: 'createHook(): callbacks missing', run: (ctx) => ctx.createHook() },
  { name: 'createHook(null)', run: (ctx) => ctx.createHook(null) },
  { name: 'createHook(1): callbacks is a number', run: (ctx) => ctx.createHook(1) },
  { name: "createHook('s'): callbacks is a string", run: (ctx) => ctx.createHook('s') },
  { name: 'createHook(fn): callbacks is a function', run: (ctx) => ctx.createHook(noop) },
  { name: 'createHook({}): no callbacks at all', run: (ctx) => ctx.createHook({}) },
  { name: 'createHook({ init: undefined })', run: (ctx) => ctx.createHook({ init: undefined }) },
  ...hookCallbackNames.map((callback) => ({
    name: `createHook({ ${callback}: 1 }): callback is a number`,
    run: (ctx) => ctx.createHook({ [callback]: 1 }),
  })),
  { name: 'createHook({ init: null })', run: (ctx) => ctx.createHook({ init: null }) },
  { name: 'createHook({ destroy: {} }): callback is an object', run: (ctx) => ctx.createHook({ destroy: {} }) },
  { name: "createHook({ init: fn, after: 'f' }): one good, one bad", run: (ctx) => ctx.createHook({ init: noop, after: 'f' }) },
  {
    name: 'hook.enable(1) / hook.disable(1): extra arguments',
    run: (ctx) => {
      const hook = ctx.createHook({});
      hook.enable(1);
      return hook.disable(1);
    },
  },
  {
    name: 'hook.enable() twice, hook.disable() twice',
    run: (ctx) => {
      const hook = ctx.createHook({ init: noop });
      hook.enable();
      hook.enable();
      hook.disable();
      return hook.disable();
    },
  },
  { name: 'executionAsyncId(1): extra argument', run: (ctx) => ctx.executionAsyncId(1) },
  { name: "triggerAsyncId('x'): extra argument", run: (ctx) => ctx.triggerAsyncId('x') },
  { name: 'executionAsyncResource(1): extra argument', run: (ctx) => ctx.executionAsyncResource(1) },
];

const asyncContextCases = [
  { name: 'new AsyncContext.Variable(): options missing', spec: SPEC_DOES_NOT_THROW, run: (ctx) => new ctx.AsyncContext.Variable() },
  { name: 'new AsyncContext.Variable(42): options is a number', spec: SPEC_DOES_NOT_THROW, run: (ctx) => new ctx.AsyncContext.Variable(42) },
  { name: "new AsyncContext.Variable('s'): options is a string", spec: SPEC_DOES_NOT_THROW, run: (ctx) => new ctx.AsyncContext.Variable('s') },
  { name: 'new AsyncContext.Variable(null)', spec: SPEC_DOES_NOT_THROW, run: (ctx) => new ctx.AsyncContext.Variable(null) },
  { name: 'new AsyncContext.Variable(Symbol()): options is a symbol', spec: SPEC_DOES_NOT_THROW, run: (ctx) => new ctx.AsyncContext.Variable(Symbol('v')) },
  { name: 'new AsyncContext.Variable({ name: 42 })', spec: SPEC_DOES_NOT_THROW, run: (ctx) => new ctx.AsyncContext.Variable({ name: 42 }) },
  { name: 'new AsyncContext.Variable({ name: Symbol() }): name cannot become a string', spec: SPEC_THROWS_TYPE_ERROR, run: (ctx) => new ctx.AsyncContext.Variable({ name: Symbol('v') }) },
  { name: 'AsyncContext.Variable() called without new', spec: SPEC_THROWS_TYPE_ERROR, run: (ctx) => ctx.AsyncContext.Variable() },
  { name: 'variable.run(value): fn missing', spec: SPEC_THROWS_TYPE_ERROR, run: (ctx) => new ctx.AsyncContext.Variable().run(1) },
  { name: 'variable.run(value, 2): fn is a number', spec: SPEC_THROWS_TYPE_ERROR, run: (ctx) => new ctx.AsyncContext.Variable().run(1, 2) },
  { name: 'variable.run(value, {}): fn is an object', spec: SPEC_THROWS_TYPE_ERROR, run: (ctx) => new ctx.AsyncContext.Variable().run(1, {}) },
  { name: "variable.get('x'): extra argument", spec: SPEC_DOES_NOT_THROW, run: (ctx) => new ctx.AsyncContext.Variable().get('x') },
  { name: 'new AsyncContext.Snapshot(1): extra argument', spec: SPEC_DOES_NOT_THROW, run: (ctx) => new ctx.AsyncContext.Snapshot(1) },
  { name: 'AsyncContext.Snapshot() called without new', spec: SPEC_THROWS_TYPE_ERROR, run: (ctx) => ctx.AsyncContext.Snapshot() },
  { name: 'snapshot.run(): fn missing', spec: SPEC_THROWS_TYPE_ERROR, run: (ctx) => new ctx.AsyncContext.Snapshot().run() },
  { name: 'snapshot.run(1): fn is a number', spec: SPEC_THROWS_TYPE_ERROR, run: (ctx) => new ctx.AsyncContext.Snapshot().run(1) },
  { name: 'snapshot.run(null)', spec: SPEC_THROWS_TYPE_ERROR, run: (ctx) => new ctx.AsyncContext.Snapshot().run(null) },
  { name: 'AsyncContext.Snapshot.wrap(): fn missing', spec: SPEC_THROWS_TYPE_ERROR, run: (ctx) => ctx.AsyncContext.Snapshot.wrap() },
  { name: 'AsyncContext.Snapshot.wrap(1): fn is a number', spec: SPEC_THROWS_TYPE_ERROR, run: (ctx) => ctx.AsyncContext.Snapshot.wrap(1) },
  { name: 'AsyncContext.Snapshot.wrap(null)', spec: SPEC_THROWS_TYPE_ERROR, run: (ctx) => ctx.AsyncContext.Snapshot.wrap(null) },
  { name: 'AsyncContext.Snapshot.wrap({}): fn is an object', spec: SPEC_THROWS_TYPE_ERROR, run: (ctx) => ctx.AsyncContext.Snapshot.wrap({}) },
];

export const cases = [...asyncLocalStorageCases, ...asyncResourceCases, ...hookCases, ...asyncContextCases];

// Subclasses first: the first match is the class a caller's `instanceof` would see.
const BUILTIN_ERROR_CLASSES = [RangeError, TypeError, SyntaxError, ReferenceError, EvalError, URIError, AggregateError, Error];

// What a caller can observe of a bad call: whether it threw, the built-in error class,
// the error's `name` and its Node-style `code`. Messages are left out on purpose: their
// wording is not part of the contract.
export function observe(ctx, badInputCase) {
  try {
    badInputCase.run(ctx);
    return { threw: false };
  } catch (error) {
    const errorClass = BUILTIN_ERROR_CLASSES.find((ErrorClass) => error instanceof ErrorClass);
    return {
      threw: true,
      errorClass: errorClass ? errorClass.name : `not an Error (${typeof error})`,
      name: error?.name ?? null,
      code: error?.code ?? null,
      // The message too: V8's own (from a call or a destructuring) or Node's wording.
      message: error?.message ?? null,
    };
  }
}
