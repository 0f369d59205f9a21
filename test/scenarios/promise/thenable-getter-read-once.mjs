// docs/semantics.md §6.3 (values untouched): resolving with an object reads its `then` exactly
// once, synchronously, and calls it with the object as `this`; a non-function `then`
// makes it a plain value.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

function counted(tag) {
  const obj = {
    reads: 0,
    get then() {
      obj.reads += 1;
      log(`${tag}: then read in`, als.getStore());
      return function (ok) { log(`${tag}: then called, this is the object`, this === obj, 'in', als.getStore()); ok(tag); };
    },
  };
  return obj;
}

const viaResolve = counted('resolve()');
als.run('resolve-site', () => new Promise((r) => r(viaResolve))).then((v) => log('fulfilled with', v, 'reads', viaResolve.reads));

const viaStatic = counted('Promise.resolve()');
als.run('static-site', () => Promise.resolve(viaStatic)).then((v) => log('fulfilled with', v, 'reads', viaStatic.reads));

const viaReturn = counted('returned from then');
als.run('then-site', () => Promise.resolve().then(() => viaReturn)).then((v) => log('fulfilled with', v, 'reads', viaReturn.reads));

const notCallable = { then: 42 };
Promise.resolve(notCallable).then((v) => log('non-callable then: fulfilled with the object itself', v === notCallable));
log('sync reads after resolve():', viaResolve.reads, 'after Promise.resolve():', viaStatic.reads);
