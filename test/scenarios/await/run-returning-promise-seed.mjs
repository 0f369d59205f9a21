// waits-for: transform
// Seed example (usage with async/await): `await asyncLocalStorage.run(new Map(), () =>
// foo())`: the store exists only inside the callback and what foo() does; outside run
// getStore() is undefined, also after the await.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const asyncLocalStorage = new AsyncLocalStorage();
const value = 'v';

async function foo() {
  await null;
  log('foo after await sees key', asyncLocalStorage.getStore().get('key'));
  return 'foo-result';
}

async function fn() {
  const result = await asyncLocalStorage.run(new Map(), () => {
    asyncLocalStorage.getStore().set('key', value);
    return foo(); // The return value of foo will be awaited
  });
  log('after the awaited run:', result, asyncLocalStorage.getStore());
}

fn();
