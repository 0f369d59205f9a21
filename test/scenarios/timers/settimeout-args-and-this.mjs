// docs/semantics.md §6.3: instrumented timers pass arguments and `this` (the Timeout object)
// through untouched, and setTimeout still returns the usual object.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

// Started from a timer callback, so the immediate reliably comes before the timeout.
setTimeout(() => {
  const timer = als.run('args', () => setTimeout(function (...args) {
    log('args', args, 'this is the timer', this === timer, 'store', als.getStore());
  }, 1, 'a', 2, undefined));
  log('returned', typeof timer, typeof timer.ref, typeof timer.unref, typeof timer.hasRef, typeof timer[Symbol.toPrimitive]);

  const immediate = als.run('imm', () => setImmediate(function (x) {
    log('immediate arg', x, 'this is the immediate', this === immediate, 'store', als.getStore());
  }, 'x'));
}, 0);
