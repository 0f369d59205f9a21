// Many instances at once: each keeps its own value through nesting and async hops.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const storages = Array.from({ length: 200 }, () => new AsyncLocalStorage());

function nest(i, done) {
  if (i === storages.length) return done();
  return storages[i].run(`v${i}`, () => nest(i + 1, done));
}

nest(0, () => setTimeout(() => {
  const wrong = storages.filter((s, i) => s.getStore() !== `v${i}`).length;
  log('timer: storages with a wrong value:', wrong);
  Promise.resolve().then(() => {
    storages[50].enterWith('changed');
    const changed = storages.map((s, i) => (s.getStore() === `v${i}` ? '' : i)).filter((x) => x !== '');
    log('after one enterWith, storages that differ:', changed);
  });
}, 1));
log('outside, storages with a value:', storages.filter((s) => s.getStore() !== undefined).length);
