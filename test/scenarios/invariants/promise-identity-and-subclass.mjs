// docs/semantics.md §6.3: instrumenting promises changes nothing visible about them: prototypes, instanceof (also for promises from async functions), species
// of subclasses, and TypeErrors for misuse stay as they are; subclass callbacks still
// get the then() frame. (Constructor identity: see promise-constructor-identity.mjs.)
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const p = Promise.resolve(1);
const fromAsync = (async () => 1)();

log('prototype', Object.getPrototypeOf(p) === Promise.prototype);
log('instanceof: new', new Promise(() => {}) instanceof Promise, 'async function result', fromAsync instanceof Promise, 'then result', p.then() instanceof Promise);
log('toStringTag', Object.prototype.toString.call(p), 'names', Promise.name, Promise.prototype.then.name, Promise.prototype.catch.name, Promise.prototype.finally.name, Promise.resolve.name);
log('then is shared', fromAsync.then === p.then, 'typeof Promise', typeof Promise);
log('Promise.resolve(p) === p', Promise.resolve(p) === p, 'for an async function result', Promise.resolve(fromAsync) === fromAsync);

class MyPromise extends Promise {}
const mine = als.run('sub-create', () => MyPromise.resolve('m'));
const derived = als.run('sub-then', () => mine.then((v) => log('subclass then callback got', v, 'in', als.getStore())));
log('species: derived is MyPromise', derived instanceof MyPromise, 'MyPromise.resolve', mine instanceof MyPromise, 'Promise.resolve(mine) === mine', Promise.resolve(mine) === mine);

for (const [label, fn] of [
  ['then on a non-promise', () => Promise.prototype.then.call({}, () => {})],
  ['new Promise(not a function)', () => new Promise(5)],
  ['Promise() without new', () => Promise(() => {})],
]) {
  try { fn(); log(label, '-> no error'); } catch (e) { log(label, '->', e.constructor.name); }
}
