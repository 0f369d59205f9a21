// Seed example (asyncLocalStorage.exit): inside exit() getStore() is undefined, a throw
// propagates, and the context is re-entered afterwards. Async work scheduled inside exit
// does not see the store either.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const asyncLocalStorage = new AsyncLocalStorage();

asyncLocalStorage.run('value', () => {
  // Within a call to run
  try {
    log('before exit:', asyncLocalStorage.getStore()); // Returns the store object or value
    asyncLocalStorage.exit(() => {
      log('inside exit:', asyncLocalStorage.getStore()); // Returns undefined
      setTimeout(() => log('timer scheduled inside exit:', asyncLocalStorage.getStore()), 1);
      throw new Error();
    });
  } catch (e) {
    log('after exit:', asyncLocalStorage.getStore()); // Returns the same object or value
    // The error will be caught here
  }
  setTimeout(() => log('timer scheduled after exit:', asyncLocalStorage.getStore()), 1);
});
