// A thenable that resolves with another thenable, at every depth: each `then` is called in the
// frame of the resolve call that handed it over (Node runs each PromiseResolveThenableJob in
// the context it was queued in), whether the first was reached by Promise.resolve, an
// executor, a then callback's return or an inner resolve called later from a timer. A
// thenable whose `then` getter throws, handed to an inner resolve, rejects. Each chain's lines
// print together at exit: how the chains interleave is the Promise implementation's business
// (Hermes' calls a nested thenable's then in the same turn), the frames are the engine's.
import { AsyncLocalStorage } from '#ctx';
import { atExit, log as print } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const chains = new Map();
const log = (name, ...parts) => {
  const chain = name.replace(/\d.*| .*/, '');
  if (!chains.has(chain)) chains.set(chain, []);
  chains.get(chain).push([name, ...parts]);
};
atExit(() => {
  for (const chain of ['r', 'resolve', 'e', 'executor', 'c', 'callback', 't', 'timer', 'x', 'throwing']) {
    for (const parts of chains.get(chain) ?? []) print(...parts);
  }
});
const thenable = (name, inner) => ({
  then(resolve) {
    log(name, 'then in', als.getStore());
    resolve(inner ?? name);
  },
});
const later = (name, inner) => ({
  then(resolve) {
    log(name, 'then in', als.getStore());
    als.run(`${name}-timer`, () => setTimeout(() => resolve(inner), 1));
  },
});
const throwing = { get then() { throw new Error('then getter'); } };

als.run('resolve', () => {
  Promise.resolve(thenable('r1', thenable('r2', thenable('r3')))).then((v) => log('resolve got', v, als.getStore()));
});
als.run('executor', () => {
  new Promise((r) => r(thenable('e1', thenable('e2')))).then((v) => log('executor got', v));
});
als.run('callback', () => {
  Promise.resolve().then(() => thenable('c1', thenable('c2'))).then((v) => log('callback got', v));
});
als.run('timer', () => {
  Promise.resolve(later('t1', thenable('t2'))).then((v) => log('timer got', v));
});
als.run('throwing', () => {
  Promise.resolve(thenable('x1', throwing)).then(
    (v) => log('throwing fulfilled', v),
    (e) => log('throwing rejected', e.message, als.getStore()),
  );
});
