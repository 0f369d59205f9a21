// docs/semantics.md §3: AsyncLocalStorage.bind(fn) captures the whole frame (every storage),
// passes `this` and arguments through, and can be called any number of times.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const user = new AsyncLocalStorage();
const tenant = new AsyncLocalStorage();

const bound = user.run('alice', () => tenant.run('acme', () => AsyncLocalStorage.bind(function (x) {
  return `${user.getStore()}/${tenant.getStore()} x=${x} this=${this?.tag}`;
})));

log('called at top level:', bound(1));
log('called inside other runs:', user.run('bob', () => tenant.run('other', () => bound.call({ tag: 'T' }, 2))));
setTimeout(() => log('called from a timer:', bound(3), 'then caller sees', user.getStore()), 1);
log('bound length:', bound.length);
