// docs/semantics.md §1: every scheduled callback puts back the frame it found, so an enterWith
// inside one callback does not leak into the next callback of any source.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

// Started from a timer callback, so the order of the sources is fixed.
setTimeout(() => {
  als.run('t1', () => setTimeout(() => { als.enterWith('leak-from-t1'); log('t1 entered', als.getStore()); }, 1));
  setTimeout(() => log('next timeout (no run) sees', als.getStore()), 1);
  als.run('i1', () => setImmediate(() => { als.enterWith('leak-from-i1'); }));
  setImmediate(() => log('next immediate (no run) sees', als.getStore()));
  als.run('n1', () => process.nextTick(() => { als.enterWith('leak-from-n1'); }));
  process.nextTick(() => log('next tick (no run) sees', als.getStore()));
  als.run('q1', () => queueMicrotask(() => { als.enterWith('leak-from-q1'); }));
  queueMicrotask(() => log('next microtask (no run) sees', als.getStore()));
  als.run('p1', () => Promise.resolve().then(() => { als.enterWith('leak-from-p1'); }));
  Promise.resolve().then(() => log('next promise job (no run) sees', als.getStore()));
  log('sync end sees', als.getStore());
}, 0);
