// The store is the very object passed to run()/enterWith(): mutations made anywhere in
// the flow are visible everywhere in it (seed: "store data" example).
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const asyncLocalStorage = new AsyncLocalStorage();
const map = new Map();

asyncLocalStorage.run(map, () => {
  const store = asyncLocalStorage.getStore();
  store.set('key', 'value');
  log('same object:', store === map);
  setTimeout(() => {
    const value = store.get('key');
    log(value); // value
    asyncLocalStorage.getStore().set('later', true);
  }, 10);
  setTimeout(() => log('sees the mutation of the earlier timer:', asyncLocalStorage.getStore().get('later')), 20);
});
