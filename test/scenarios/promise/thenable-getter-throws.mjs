// docs/semantics.md §6.3: when reading `then` throws, every way of resolving with that object
// rejects the promise with the error; none of them throws to its caller (not even a
// resolve function called long after the executor returned).
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const throwingGetter = { get then() { throw new Error('getter threw'); } };

function attempt(label, fn) {
  try {
    fn().then(
      () => log(label, '-> fulfilled!'),
      (e) => log(label, '-> rejected with', e.message, 'handler in', als.getStore()),
    );
  } catch (e) {
    log(label, '-> threw synchronously:', e.message);
  }
}

als.run('s', () => {
  attempt('resolve() in the executor', () => new Promise((r) => r(throwingGetter)));
  attempt('returned from then()', () => Promise.resolve().then(() => throwingGetter));
  attempt('Promise.resolve()', () => Promise.resolve(throwingGetter));
  attempt('Promise.all()', () => Promise.all([throwingGetter]));

  let resolveLater;
  attempt('resolve() after the executor', () => new Promise((r) => { resolveLater = r; }));
  setTimeout(() => {
    try {
      resolveLater(throwingGetter);
      log('late resolve() returned normally');
    } catch (e) {
      log('late resolve() threw', e.message);
    }
  }, 1);
});
