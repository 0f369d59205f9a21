// waits-for: transform
// docs/semantics.md §2: an async generator body runs in the frame of whoever calls next()
// (Node's rule), and for-await loops drive it from the loop's frame.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

async function* source() {
  log('body start in', als.getStore());
  yield 1;
  await null;
  log('after resume in', als.getStore());
  yield 2;
}

const gen = als.run('created', () => source());
als.run('caller-1', () => gen.next().then((r) => log('first next ->', r.value, 'then in', als.getStore())));
setTimeout(() => als.run('caller-2', () => gen.next()), 1);

async function consume() {
  for await (const v of source()) log('for-await got', v, 'in', als.getStore());
}
setTimeout(() => als.run('loop', () => consume()), 5);
