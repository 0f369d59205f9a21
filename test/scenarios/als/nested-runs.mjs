// Nested run() calls: each level sees its own store, the outer one is back afterwards,
// and async work scheduled at each level keeps that level's store.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

function level(n) {
  log(`level ${n} sees`, als.getStore());
  setTimeout(() => log(`timer from level ${n} sees`, als.getStore()), 1);
  if (n < 4) als.run(`L${n + 1}`, () => level(n + 1));
  log(`level ${n} after inner run sees`, als.getStore());
}

als.run('L1', () => level(1));
log('top sees', als.getStore());
