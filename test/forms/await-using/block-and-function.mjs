// Await using.
// node24-only: Node 20 has no `await using`
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
const resource = (name) => ({ async [Symbol.asyncDispose]() { see('disposing ' + name); await later(); see('disposed ' + name); } });
async function main() {
  {
    await using first = resource('block');
    see('inside the block');
    await later();
    see('after await in the block');
  }
  see('after the block');
  await using second = resource('function');
  await using nothing = null;
  see('before the function ends');
}

export default main;
