// Seed example (asyncLocalStorage.run) and docs/semantics.md §3: a throw inside run()
// propagates unchanged, the context is exited, and async work scheduled before the throw
// keeps the store. A nested run after a throw works normally.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const asyncLocalStorage = new AsyncLocalStorage();
const store = { id: 2 };
const thrown = new Error('thrown inside run');

try {
  asyncLocalStorage.run(store, () => {
    log('inside:', asyncLocalStorage.getStore()); // Returns the store object
    setTimeout(() => {
      log('timer:', asyncLocalStorage.getStore()); // Returns the store object
    }, 20);
    throw thrown;
  });
} catch (e) {
  log('catch:', asyncLocalStorage.getStore()); // Returns undefined
  log('same error object:', e === thrown);
}

asyncLocalStorage.run('outer', () => {
  try {
    asyncLocalStorage.run('inner', () => { throw new Error('inner'); });
  } catch {
    log('after inner throw:', asyncLocalStorage.getStore());
  }
  log('nested run after the throw:', asyncLocalStorage.run('again', () => asyncLocalStorage.getStore()));
});
