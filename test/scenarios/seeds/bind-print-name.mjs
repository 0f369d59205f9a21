// Seed example (AsyncLocalStorage.bind(fn) in the overview): a function bound inside
// run() prints the bound context's name even when a timer calls it. The seed calls
// `asyncLocalStorage.bind(...)`, which instances do not have; bind is static, so the
// example goes through the class.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const asyncLocalStorage = new AsyncLocalStorage();

function printName() {
  const store = asyncLocalStorage.getStore();
  log(store.name); // "Alice"
}

function someAsyncOperation(callback) {
  setTimeout(callback, 100);
}

asyncLocalStorage.run({ name: 'Alice' }, () => {
  const boundPrintName = asyncLocalStorage.constructor.bind(printName);
  someAsyncOperation(boundPrintName);
});

// Called from an unrelated context it still sees Alice.
const bound = asyncLocalStorage.run({ name: 'Alice' }, () => AsyncLocalStorage.bind(printName));
asyncLocalStorage.run({ name: 'Mallory' }, () => setTimeout(bound, 1));
