// waits-for: transform
// Awaiting already settled promises and plain values keeps the frame, and costs exactly
// the ticks it costs untransformed (interleaving with a then() chain is unchanged).
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

async function quick() {
  await 1;
  log('after await 1', als.getStore());
  await Promise.resolve(2);
  log('after await resolved promise', als.getStore());
  try { await Promise.reject(new Error('r')); } catch { log('after await rejected promise', als.getStore()); }
}

als.run('quick', () => quick());
als.run('chain', () => Promise.resolve()
  .then(() => log('then 1', als.getStore()))
  .then(() => log('then 2', als.getStore()))
  .then(() => log('then 3', als.getStore()))
  .then(() => log('then 4', als.getStore())));
