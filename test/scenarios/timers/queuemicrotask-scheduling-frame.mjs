// docs/semantics.md §2: queueMicrotask callbacks run with the frame at scheduling, interleaved
// with promise jobs in plain FIFO order (no extra ticks).
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

als.run('m1', () => queueMicrotask(() => {
  log('microtask m1 in', als.getStore());
  als.enterWith('m1-entered');
  queueMicrotask(() => log('microtask from m1 in', als.getStore()));
}));
als.run('p1', () => Promise.resolve().then(() => log('promise job p1 in', als.getStore())));
als.run('m2', () => queueMicrotask(() => log('microtask m2 in', als.getStore())));
queueMicrotask(() => log('microtask outside run in', als.getStore()));
