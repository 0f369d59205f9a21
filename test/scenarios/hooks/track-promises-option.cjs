// createHook({ trackPromises }) (Node 24, docs/semantics.md §4 and §6.4): a value that is not a
// boolean is a TypeError ERR_INVALID_ARG_TYPE, `false` beside a promiseResolve callback a
// TypeError ERR_INVALID_ARG_VALUE, both in Node's words. A hook with `trackPromises: false`
// gets no PROMISE init, before, after or promiseResolve, and every other resource's events,
// also while another hook tracks promises; with only such hooks enabled, promises get no ids
// (a `then` callback runs with executionAsyncId() 0, as between tasks).
const ctx = require('#ctx');
const { createIdLabels } = require('../_lib/ids.cjs');
const { log } = require('../_lib/out.cjs');

const { createHook, executionAsyncId } = ctx;

for (const value of [0, 'yes', null, {}, Symbol('x')]) {
  try {
    createHook({ init() {}, trackPromises: value });
    log('trackPromises', typeof value, '-> no error');
  } catch (e) {
    log('trackPromises', typeof value, '->', e?.constructor?.name, e?.code, e?.message);
  }
}
for (const options of [{ trackPromises: false, promiseResolve() {} }, { trackPromises: true, promiseResolve() {} }, { trackPromises: undefined, promiseResolve() {} }, { trackPromises: false }]) {
  try {
    createHook(options);
    log('trackPromises', options.trackPromises, '-> no error');
  } catch (e) {
    log('trackPromises', options.trackPromises, '->', e?.constructor?.name, e?.code, e?.message);
  }
}
// The callbacks are checked first, in Node's order.
try {
  createHook({ promiseResolve: 1, trackPromises: 'no' });
} catch (e) {
  log('bad callback and option ->', e?.code);
}

const ids = createIdLabels();
ids.label(executionAsyncId());
const types = new Map();
const watched = new Set(['Timeout', 'Immediate', 'TickObject', 'PROMISE', 'Job']);
const make = (name, options) => createHook({
  ...options,
  init(id, type, trigger) {
    if (!watched.has(type)) return;
    types.set(id, type);
    log(name, 'init', type, ids.label(id), 'trigger', ids.peek(trigger));
  },
  before(id) { if (types.has(id)) log(name, 'before', types.get(id), ids.peek(id)); },
  after(id) { if (types.has(id)) log(name, 'after', types.get(id), ids.peek(id)); },
});

// Alone: promises get no ids, timers do.
const untracked = make('untracked', { trackPromises: false }).enable();
Promise.resolve(1).then(() => log('then alone: executionAsyncId', ids.peek(executionAsyncId())));
setTimeout(() => {
  log('timer alone');
  // Beside a hook that tracks promises: only that one sees them.
  const tracked = make('tracked', { promiseResolve(id) { if (types.has(id)) log('tracked promiseResolve', ids.peek(id)); } }).enable();
  const promise = new Promise((resolve) => resolve(2));
  promise.then(() => {
    log('then beside a tracking hook: executionAsyncId', ids.peek(executionAsyncId()));
    process.nextTick(() => log('tick'));
  });
  setTimeout(() => {
    tracked.disable();
    untracked.disable();
    log('done');
  }, 1);
}, 1);
