// docs/semantics.md §2: resolve(thenable) calls thenable.then in the frame of the resolve
// call (not the promise's creation frame, not the frame of later then() calls).
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

function thenable(tag) {
  return {
    then(onFulfilled) {
      log(`${tag}.then called in`, als.getStore());
      onFulfilled(`${tag}-value`);
    },
  };
}

let resolve;
const promise = als.run('constructor', () => new Promise((r) => { resolve = r; }));
als.run('then-site', () => promise.then((v) => log('promise fulfilled with', v, 'callback in', als.getStore())));
als.run('resolve-site', () => resolve(thenable('T1')));

als.run('promise-resolve-site', () => Promise.resolve(thenable('T2')))
  .then((v) => log('Promise.resolve result', v, 'callback in', als.getStore()));
