// Cleared timeouts, intervals and immediates never run; clearing one does not disturb
// the frames of the others.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

// Started from a timer callback, so immediates reliably come before new timeouts.
setTimeout(() => {
  als.run('kept', () => setTimeout(() => log('kept timeout in', als.getStore()), 2));
  const cancelled = als.run('cancelled', () => setTimeout(() => log('cancelled timeout ran!'), 1));
  clearTimeout(cancelled);
  const cancelledInterval = als.run('cancelled', () => setInterval(() => log('cancelled interval ran!'), 1));
  clearInterval(cancelledInterval);
  const cancelledImmediate = als.run('cancelled', () => setImmediate(() => log('cancelled immediate ran!')));
  clearImmediate(cancelledImmediate);
  als.run('kept-immediate', () => setImmediate(() => {
    log('kept immediate in', als.getStore());
    const late = setTimeout(() => log('cleared from inside a callback ran!'), 0);
    clearTimeout(late);
  }));
}, 0);
