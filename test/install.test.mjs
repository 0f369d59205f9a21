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
