// docs/semantics.md §6.4: instrumented scheduling APIs reject non-function callbacks with Node's
// errors (type and code), and schedule nothing.
import { AsyncLocalStorage } from '#ctx';
import { log, attempt } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();


als.run('s', () => {
  attempt('setTimeout(string)', () => setTimeout('1 + 1', 1));
  attempt('setTimeout(undefined)', () => setTimeout(undefined, 1));
  attempt('setInterval(null)', () => setInterval(null, 1));
  attempt('setImmediate(42)', () => setImmediate(42));
  attempt('queueMicrotask({})', () => queueMicrotask({}));
  attempt('process.nextTick(1)', () => process.nextTick(1));
  attempt('then(non-functions) passes values through', () => Promise.resolve('v').then(1, 2).then((v) => log('value after then(1, 2):', v, 'in', als.getStore())));
});
