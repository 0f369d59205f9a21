// Await using in loop heads: the iterator is called in the function's frame.
// node24-only: Node 20 has no `await using`
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
const resource = (name) => ({ async [Symbol.asyncDispose]() { await later(); see('disposed ' + name); } });
const watched = (names) => ({
  [Symbol.iterator]() {
    let i = 0;
    return {
      next() { see('next ' + i); return i < names.length ? { value: resource(names[i++]), done: false } : { value: undefined, done: true }; },
      return() { see('return'); return { done: true }; },
    };
  },
});
async function main() {
  for (await using r of watched(['a', 'b'])) see('body');
  see('after the loop');
  for (await using r of watched(['c', 'd'])) { see('body before break'); break; }
  see('after the break');
}

export default main;
