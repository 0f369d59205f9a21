// docs/semantics.md §2: process.nextTick callbacks run with the frame at scheduling and get
// their arguments untouched; a tick scheduled from a tick keeps its own frame.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

als.run('A', () => process.nextTick((x, y) => {
  log('tick A args', x, y, 'in', als.getStore());
  als.run('A-inner', () => process.nextTick(() => log('tick scheduled inside A runs in', als.getStore())));
  process.nextTick(() => log('second tick scheduled inside A runs in', als.getStore()));
}, 1, 'two'));
als.run('B', () => process.nextTick(() => log('tick B in', als.getStore())));
process.nextTick(() => log('tick outside run in', als.getStore()));
