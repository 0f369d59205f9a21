// Await using: several resources with null among them and one awaited in its initialiser, a
// sync `using` beside them, a loop head, and a disposal that throws. test/babel.test.mjs also
// runs it lowered by Babel's preset-env, as React Native's preset lowers it for Hermes.
// node24-only: Node 20 has no `await using`
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
const resource = (name) => ({ async [Symbol.asyncDispose]() { see('disposing ' + name); await later(); see('disposed ' + name); } });
const syncOnly = (name) => ({ [Symbol.dispose]() { see('sync disposing ' + name); } });
async function main() {
  {
    await using a = resource('a'), nothing = null, b = await later(resource('b'));
    using s = syncOnly('s');
    await later();
    see('in the block');
  }
  see('after the block');
  for (await using r of [resource('loop 1'), resource('loop 2')]) see('loop body');
  try { await using t = { [Symbol.asyncDispose]() { see('throwing'); throw new Error('t'); } }; await later(); }
  catch (error) { see('caught ' + error.message); }
  see('end');
}

export default main;
