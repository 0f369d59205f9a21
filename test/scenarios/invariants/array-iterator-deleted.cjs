// docs/semantics.md §6.3: the engine's own wrappers work when the program has taken away built-ins
// they could have relied on. With Array.prototype[Symbol.iterator] deleted (so that spreading,
// destructuring or for-of over an array throws), process.emit with arguments, the error events'
// frames, AsyncLocalStorage's run, bind, disable and withScope, createHook, enable, disable
// and every hook callback, AsyncResource, timers, ticks and promises all behave as in Node.
// (Node's own exit() and snapshot() spread their arguments, and throw there: left out.)
// The built-in is put back before the program exits.
const ctx = require('#ctx');
const { log } = require('../_lib/out.cjs');

const { AsyncLocalStorage, AsyncResource, createHook, executionAsyncId } = ctx;
const als = new AsyncLocalStorage();
const iterator = Array.prototype[Symbol.iterator];
// Values joined into one string: printing an array would need the iterator on some runtimes.
const list = (...values) => values.join(' ');
const attempt = (label, fn) => {
  try {
    log(label, fn());
  } catch (e) {
    log(label, 'throws', e?.constructor?.name, e?.message);
  }
};

delete Array.prototype[Symbol.iterator];

process.on('custom', (x, y) => log('custom event:', x, y, als.getStore()));
attempt('process.emit', () => als.run('emitting', () => process.emit('custom', 1, 2)));
attempt('run with arguments', () => als.run('r', (x, y) => list(x, y, als.getStore()), 1, 2));
attempt('bind', () => als.run('bound', () => AsyncLocalStorage.bind((x) => list(x, als.getStore())))(1));
attempt('disable', () => als.run('d', () => { als.disable(); return als.getStore(); }));
attempt('withScope', () => {
  const scope = als.withScope('scoped');
  const inside = als.getStore();
  scope.dispose();
  return list(inside, als.getStore());
});

const types = new Map();
let tracing = true;
const hook = createHook({
  init(id, type) { if (tracing && (type === 'Job' || type === 'Timeout')) { types.set(id, type); log('init', type); } },
  before(id) { if (types.has(id)) log('before', types.get(id)); },
  after(id) { if (types.has(id)) log('after', types.get(id)); },
});
attempt('enable', () => hook.enable() === hook);
const resource = als.run('resource', () => new AsyncResource('Job'));
attempt('runInAsyncScope with arguments', () => resource.runInAsyncScope((x, y) => list(x, y, als.getStore()), null, 1, 2));
attempt('AsyncResource.bind', () => resource.bind((x) => list(x, als.getStore()))(1));

process.on('uncaughtException', (error) => {
  log('uncaughtException', error.message, als.getStore());
  Array.prototype[Symbol.iterator] = iterator;
  // Node's own disable() needs the built-in (Node 24.21 throws "hooks is not iterable").
  hook.disable();
});
als.run('timer', () => setTimeout((x, y) => {
  log('timer', x, y, als.getStore(), executionAsyncId() > 0);
  process.nextTick((z) => log('tick', z, als.getStore()), 3);
  Promise.resolve(4).then((v) => log('then', v, als.getStore()));
  queueMicrotask(() => {
    log('microtask', als.getStore());
    tracing = false;
    als.run('throwing', () => setTimeout(() => { throw new Error('boom'); }, 1));
  });
}, 1, 1, 2));
