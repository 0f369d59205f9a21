// Without a handler an unhandled rejection ends the process with exit code 1 after the
// synchronous work and queued callbacks that precede the rejection check have run.
const { AsyncLocalStorage } = require('#ctx');
const { log } = require('../_lib/out.cjs');

const als = new AsyncLocalStorage();
als.run('flow', () => {
  process.nextTick(() => log('tick before the check in', als.getStore()));
  Promise.reject(new Error('unhandled'));
  queueMicrotask(() => log('microtask before the check in', als.getStore()));
});
setTimeout(() => log('timer: never printed'), 5);
log('sync end');
