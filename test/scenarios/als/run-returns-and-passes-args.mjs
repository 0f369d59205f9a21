// docs/semantics.md §3: run(store, fn, ...args) calls fn synchronously with the arguments and
// returns its result; fn is called with a null `this`, as in Node.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const order = [];

const result = als.run('S', function (a, b, ...rest) {
  order.push('inside');
  return { store: als.getStore(), a, b, rest, thisIsNull: this === null };
}, 1, 'two', 3, 4);
order.push('after');
log('result', result);
log('order', order);
log('exit returns', als.exit((x) => x * 2, 21));
log('run with no extra args', als.run('T', (...args) => args.length));
