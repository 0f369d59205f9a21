// Installing the portable engine is idempotent, reversible, and invisible to the APIs it
// instruments: handles, their methods, promisify, names and lengths stay the host's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promisify } from 'node:util';

const names = ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate', 'queueMicrotask', 'Promise', 'MessageChannel'];
const originals = Object.fromEntries(names.map((name) => [name, globalThis[name]]));
const originalThen = Promise.prototype.then;
const originalFinally = Promise.prototype.finally;
const originalNextTick = process.nextTick;
const originalEmitIsOwn = Object.hasOwn(process, 'emit');

const engine = await import('anyctx/portable');
const { AsyncLocalStorage, install, uninstall, isInstalled } = engine;

test('importing installs, and every instrumented function keeps its name and length', () => {
  assert.equal(isInstalled(), true);
  for (const name of names) {
    assert.notEqual(globalThis[name], originals[name], `${name} is instrumented`);
    assert.equal(globalThis[name].name, originals[name].name, `${name}.name`);
    assert.equal(globalThis[name].length, originals[name].length, `${name}.length`);
  }
  assert.notEqual(Promise.prototype.then, originalThen);
  assert.equal(Promise.prototype.then.name, 'then');
  assert.equal(Promise.prototype.then.length, 2);
  assert.equal(process.nextTick.name, originalNextTick.name);
});

test('install is idempotent', () => {
  const then = Promise.prototype.then;
  const timeout = globalThis.setTimeout;
  install();
  assert.equal(Promise.prototype.then, then);
  assert.equal(globalThis.setTimeout, timeout);
});

test('Node timer handles stay Node Timeouts with ref/unref/refresh/hasRef and a primitive id', async () => {
  const als = new AsyncLocalStorage();
  let calls = 0;
  const handle = als.run('t', () => setTimeout(() => { calls++; }, 1));
  assert.equal(handle.constructor.name, 'Timeout');
  assert.equal(handle.unref(), handle);
  assert.equal(handle.hasRef(), false);
  assert.equal(handle.ref(), handle);
  assert.equal(typeof handle.refresh, 'function');
  assert.equal(typeof +handle, 'number');
  clearTimeout(+handle);
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(calls, 0, 'clearTimeout by primitive id still clears');
});

test('promisify(setTimeout) and promisify(setImmediate) keep Node\'s custom promisified forms', async () => {
  assert.equal(setTimeout[promisify.custom], originals.setTimeout[promisify.custom]);
  assert.equal(await promisify(setTimeout)(1, 'value'), 'value');
  assert.equal(await promisify(setImmediate)('now'), 'now');
});

test('promises stay native: instanceof, subclassing, Promise.resolve(p) === p', () => {
  const p = Promise.resolve(1);
  assert.ok(p instanceof Promise);
  assert.ok((async () => {})() instanceof Promise);
  assert.equal(Promise.resolve(p), p);
  class Sub extends Promise {}
  const s = new Sub((resolve) => resolve(1));
  assert.ok(s instanceof Sub && s.then(() => {}) instanceof Sub);
  assert.throws(() => Promise(() => {}), TypeError);
  assert.throws(() => new Promise(5), TypeError);
});

test('uninstall puts every original back, and install instruments again', () => {
  uninstall();
  assert.equal(isInstalled(), false);
  for (const name of names) assert.equal(globalThis[name], originals[name], `${name} restored`);
  assert.equal(Promise.prototype.then, originalThen);
  assert.equal(Promise.prototype.finally, originalFinally);
  assert.equal(process.nextTick, originalNextTick);
  assert.equal(Object.hasOwn(process, 'emit'), originalEmitIsOwn, 'process.emit is inherited again');
  install();
  assert.equal(isInstalled(), true);
  assert.notEqual(Promise.prototype.then, originalThen);
  const als = new AsyncLocalStorage();
  return als.run('again', () => Promise.resolve().then(() => assert.equal(als.getStore(), 'again')));
});

// Other code may wrap what the engine instrumented (an APM agent wrapping setTimeout, a
// library wrapping Promise.prototype.then). Uninstalling takes off the engine's layer only:
// the wrapper stays where it is and keeps working, and what it calls (the engine's layer,
// which it holds) goes straight to the original, carrying no context any more.
test('uninstall leaves a wrapper put on top of the engine working, through to the original', async () => {
  const als = new AsyncLocalStorage();
  const engineSetTimeout = globalThis.setTimeout;
  const engineThen = Promise.prototype.then;
  const engineQueueMicrotask = globalThis.queueMicrotask;
  const engineFinally = Promise.prototype.finally;
  const calls = { setTimeout: 0, then: 0, queueMicrotask: 0, finally: 0 };
  const wrappedSetTimeout = function setTimeout(...args) { calls.setTimeout++; return engineSetTimeout.apply(this, args); };
  const wrappedThen = function then(...args) { calls.then++; return engineThen.apply(this, args); };
  const wrappedQueueMicrotask = function queueMicrotask(...args) { calls.queueMicrotask++; return engineQueueMicrotask.apply(this, args); };
  const wrappedFinally = function (...args) { calls.finally++; return engineFinally.apply(this, args); };
  globalThis.setTimeout = wrappedSetTimeout;
  Promise.prototype.finally = wrappedFinally;
  Promise.prototype.then = wrappedThen;
  globalThis.queueMicrotask = wrappedQueueMicrotask;
  const observe = (store) => als.run(store, () => Promise.all([
    new Promise((resolve) => setTimeout(() => resolve(als.getStore()), 1)),
    new Promise((resolve) => queueMicrotask(() => resolve(als.getStore()))),
    Promise.resolve().then(() => als.getStore()),
    // The `then` of a thenable that a finally callback returns runs in the callback's frame.
    new Promise((done) => Promise.resolve().finally(() => ({ then: (resolve) => resolve(done(als.getStore())) }))),
    // The engine's own layers, as other code holds them.
    new Promise((resolve) => engineSetTimeout(() => resolve(als.getStore()), 1)),
    new Promise((resolve) => engineThen.call(Promise.resolve(), () => resolve(als.getStore()))),
  ]));
  try {
    assert.deepEqual(await observe('installed'), ['installed', 'installed', 'installed', 'installed', 'installed', 'installed']);
    uninstall();
    assert.equal(globalThis.setTimeout, wrappedSetTimeout, 'the wrapper stays');
    assert.equal(Promise.prototype.then, wrappedThen, 'the wrapper stays');
    assert.equal(globalThis.queueMicrotask, wrappedQueueMicrotask, 'the wrapper stays');
    assert.equal(Promise.prototype.finally, wrappedFinally, 'the wrapper stays');
    const before = { ...calls };
    assert.deepEqual(await observe('uninstalled'), [undefined, undefined, undefined, undefined, undefined, undefined]);
    for (const name of Object.keys(calls)) assert.ok(calls[name] > before[name], `the wrapper of ${name} ran`);
    // Installed again, the engine puts a new layer on top; taken off, the wrapper is back.
    install();
    assert.notEqual(globalThis.setTimeout, wrappedSetTimeout);
    assert.deepEqual(await observe('again'), ['again', 'again', 'again', 'again', undefined, undefined]);
    uninstall();
    assert.equal(globalThis.setTimeout, wrappedSetTimeout);
    assert.equal(Promise.prototype.then, wrappedThen);
    assert.equal(Promise.prototype.finally, wrappedFinally);
  } finally {
    globalThis.setTimeout = originals.setTimeout;
    Promise.prototype.then = originalThen;
    Promise.prototype.finally = originalFinally;
    globalThis.queueMicrotask = originals.queueMicrotask;
    install();
  }
  assert.notEqual(globalThis.setTimeout, originals.setTimeout);
  assert.equal(await als.run('restored', () => new Promise((resolve) => setTimeout(() => resolve(als.getStore()), 1))), 'restored');
});

// The same holds for a wrapper of a global constructor.
test('uninstall leaves a wrapper of the Promise constructor working, constructing native promises', async () => {
  const als = new AsyncLocalStorage();
  const EnginePromise = globalThis.Promise;
  let constructed = 0;
  class WrappedPromise extends EnginePromise {
    constructor(executor) { super(executor); constructed++; }
  }
  globalThis.Promise = WrappedPromise;
  try {
    uninstall();
    assert.equal(globalThis.Promise, WrappedPromise);
    const thenable = { then: (resolve) => resolve(als.getStore()) };
    const seen = await als.run('uninstalled', () => new Promise((resolve) => resolve(thenable)));
    assert.equal(seen, undefined, 'resolve(thenable) no longer carries the context');
    assert.ok(constructed > 0, 'the wrapper constructs');
    assert.ok(new Promise(() => {}) instanceof originals.Promise);
    assert.equal(new EnginePromise(() => {}).constructor, originals.Promise);
  } finally {
    globalThis.Promise = originals.Promise;
    install();
  }
});

// Hooks switch `then` to its variant with ids and back, beneath whatever is on top of it.
test('enabling and disabling a hook switches the engine\'s then without replacing a wrapper on top', async () => {
  const { createHook } = engine;
  const engineThen = Promise.prototype.then;
  let wrapped = 0;
  const wrappedThen = function then(...args) { wrapped++; return engineThen.apply(this, args); };
  Promise.prototype.then = wrappedThen;
  const inits = [];
  const hook = createHook({ init(asyncId, type) { if (type === 'PROMISE') inits.push(asyncId); } });
  try {
    hook.enable();
    assert.equal(Promise.prototype.then, wrappedThen);
    await Promise.resolve().then(() => {});
    assert.ok(inits.length > 0, 'the variant with hooks runs under the wrapper');
    hook.disable();
    assert.equal(Promise.prototype.then, wrappedThen);
    const count = inits.length;
    const als = new AsyncLocalStorage();
    assert.equal(await als.run('frames', () => Promise.resolve().then(() => als.getStore())), 'frames');
    assert.equal(inits.length, count);
    assert.ok(wrapped > 0);
  } finally {
    hook.disable();
    Promise.prototype.then = originalThen;
    uninstall();
    install();
  }
});

// Each variant's implementations are made once: a program that enables and disables hooks
// again and again gets the same functions back, and makes no new ones.
test('switching back to a variant puts back the functions it had', () => {
  const { createHook } = engine;
  const NativePromise = Promise.prototype.constructor;
  const framesOnly = [Promise.prototype.then, NativePromise.resolve, NativePromise.reject, globalThis.setTimeout];
  const hook = createHook({ init() {} });
  for (let i = 0; i < 3; i++) {
    hook.enable();
    assert.notEqual(Promise.prototype.then, framesOnly[0], 'then has ids and hooks');
    assert.notEqual(NativePromise.resolve, framesOnly[1], 'Promise.resolve has ids and hooks');
    const withHooks = [Promise.prototype.then, NativePromise.resolve, NativePromise.reject];
    hook.disable();
    assert.deepEqual([Promise.prototype.then, NativePromise.resolve, NativePromise.reject, globalThis.setTimeout], framesOnly);
    hook.enable();
    assert.deepEqual([Promise.prototype.then, NativePromise.resolve, NativePromise.reject], withHooks);
    hook.disable();
  }
});
