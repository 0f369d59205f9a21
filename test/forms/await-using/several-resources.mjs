// Await using: declarations with several resources, sync using beside them, null.
// node24-only: Node 20 has no `await using`
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
const resource = (name) => ({ async [Symbol.asyncDispose]() { see('disposing ' + name); await later(); see('disposed ' + name); } });
const syncResource = (name) => ({ [Symbol.dispose]() { see('sync disposing ' + name); } });
async function main() {
  {
    using before = syncResource('before');
    await using a = resource('a'), nothing = null, b = await later(resource('b'));
    see('same objects ' + (typeof a[Symbol.asyncDispose] === 'function' && nothing === null));
    using after = syncResource('after');
    await using alsoNothing = undefined;
    await later();
  }
  see('after the block');
  { await using onlyNull = null; see('null only'); }
  see('after the null block');
}

export default main;
