// docs/semantics.md §6.2 (no extra ticks): each promise operation settles in exactly the
// microtask turn it does untouched. A counter advanced by a chain of then() callbacks
// tells in which turn every observed callback ran.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
let turn = 0;
const seen = [];
const mark = (label) => () => seen.push(`${label}@${turn}`);

// The clock: one then() per turn, 12 turns.
let clock = Promise.resolve();
for (let i = 0; i < 12; i += 1) clock = clock.then(() => { turn += 1; });

const thenable = { then(ok) { ok('t'); } };
let resolveLater;
const later = new Promise((r) => { resolveLater = r; });

als.run('s', () => {
  Promise.resolve().then(mark('then on resolved'));
  Promise.reject(new Error()).catch(mark('catch on rejected'));
  Promise.resolve().finally(mark('finally callback'));
  Promise.resolve().finally(() => {}).then(mark('then after finally'));
  new Promise((r) => r(thenable)).then(mark('resolve(thenable)'));
  new Promise((r) => r(Promise.resolve())).then(mark('resolve(native promise)'));
  Promise.resolve(thenable).then(mark('Promise.resolve(thenable)'));
  Promise.resolve(Promise.resolve()).then(mark('Promise.resolve(native promise)'));
  Promise.resolve().then(() => Promise.resolve()).then(mark('then returning a promise'));
  Promise.resolve().then(() => thenable).then(mark('then returning a thenable'));
  Promise.all([1, Promise.resolve()]).then(mark('Promise.all'));
  Promise.race([Promise.resolve()]).then(mark('Promise.race'));
  Promise.allSettled([Promise.reject(new Error())]).then(mark('Promise.allSettled'));
  Promise.any([Promise.resolve()]).then(mark('Promise.any'));
  queueMicrotask(mark('queueMicrotask'));
  later.then(mark('then on later-resolved'));
  resolveLater();
});
clock.then(() => log(seen.join('\n')));
