// Seed examples (AsyncLocalStorage.snapshot): the returned function runs its argument in
// the captured context; it can replace an AsyncResource for simple tracking.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const asyncLocalStorage = new AsyncLocalStorage();
const runInAsyncScope = asyncLocalStorage.run(123, () => AsyncLocalStorage.snapshot());
const result = asyncLocalStorage.run(321, () => runInAsyncScope(() => asyncLocalStorage.getStore()));
log(result); // returns 123

class Foo {
  #runInAsyncScope = AsyncLocalStorage.snapshot();

  get() { return this.#runInAsyncScope(() => asyncLocalStorage.getStore()); }
}

const foo = asyncLocalStorage.run(123, () => new Foo());
log(asyncLocalStorage.run(321, () => foo.get())); // returns 123

// The 000 seed's snapshot example: take a snapshot inside a request's run().
const snapshot = asyncLocalStorage.run(new Map([['userId', 'u-7']]), () => AsyncLocalStorage.snapshot());
log('snapshot is a function:', typeof snapshot);
log('userId through the snapshot:', snapshot(() => asyncLocalStorage.getStore().get('userId')));
