// docs/semantics.md §3: run(store) with a store Object.is-equal to the current one does not
// switch frames, so an enterWith of the same storage inside it survives the run.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const obj = { id: 1 };

als.run('X', () => {
  als.run('X', () => als.enterWith('entered-in-equal-run'));
  log('after equal-store run:', als.getStore());
});

als.run(obj, () => {
  als.run(obj, () => als.enterWith('entered-in-same-object-run'));
  log('after same-object run:', als.getStore());
  als.run({ id: 1 }, () => als.enterWith('entered-in-equal-looking-object-run'));
  log('after a different object run:', als.getStore() === obj);
});

als.run(NaN, () => {
  als.run(NaN, () => als.enterWith('entered-in-NaN-run'));
  log('after NaN run (Object.is(NaN, NaN)):', als.getStore());
});

als.run(0, () => {
  als.run(-0, () => als.enterWith('entered-in-minus-zero-run'));
  log('after -0 run inside 0 (not Object.is-equal):', als.getStore());
});

// Nothing set and run(undefined): equal to the current value.
als.run(undefined, () => als.enterWith('entered-in-undefined-run'));
log('top level after run(undefined):', als.getStore());
