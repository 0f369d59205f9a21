// AsyncLocalStorage.bind(fn) and AsyncLocalStorage.snapshot() capture the whole current
// context; calling the result later, anywhere, runs code back in that context.
import { AsyncLocalStorage } from '#ctx';

const asyncLocalStorage = new AsyncLocalStorage();

// bind: printName is bound while the store is Alice, then called while it is Bob.
function printName(how) {
  console.log(`${how}: ${asyncLocalStorage.getStore().name}`);
}
const boundPrintName = asyncLocalStorage.run({ name: 'Alice' }, () =>
  AsyncLocalStorage.bind(printName));
asyncLocalStorage.run({ name: 'Bob' }, () => {
  printName('printName() called in Bob');
  boundPrintName('boundPrintName() called in Bob');
  setTimeout(boundPrintName, 10, 'boundPrintName() from a timer set in Bob');
});

// snapshot: the docs' example.
const runInAsyncScope = asyncLocalStorage.run(123, () => AsyncLocalStorage.snapshot());
const result = asyncLocalStorage.run(321, () => runInAsyncScope(() => asyncLocalStorage.getStore()));
console.log(`snapshot taken in 123, run in 321: ${result}`);

// snapshot instead of AsyncResource, for simple context tracking: the docs' class Foo.
class Foo {
  #runInAsyncScope = AsyncLocalStorage.snapshot();

  get() { return this.#runInAsyncScope(() => asyncLocalStorage.getStore()); }
}
const foo = asyncLocalStorage.run(123, () => new Foo());
console.log(`new Foo() in 123, foo.get() in 321: ${asyncLocalStorage.run(321, () => foo.get())}`);
