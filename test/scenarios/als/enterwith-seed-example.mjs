// Seed example (asyncLocalStorage.enterWith): enterWith replaces the store for the rest
// of the synchronous execution and for the async operations it starts.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const asyncLocalStorage = new AsyncLocalStorage();
const store = { id: 1 };

function someAsyncOperation(callback) {
  setTimeout(callback, 1);
}

// Replaces previous store with the given store object
asyncLocalStorage.enterWith(store);
log('after enterWith:', asyncLocalStorage.getStore() === store); // Returns the store object
someAsyncOperation(() => {
  log('async callback:', asyncLocalStorage.getStore() === store); // Returns the same object
});
