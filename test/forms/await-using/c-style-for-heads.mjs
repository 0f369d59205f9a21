// Await using: C-style for heads, with a label.
// node24-only: Node 20 has no `await using`
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
const resource = (name) => ({ async [Symbol.asyncDispose]() { see('disposing ' + name); await later(); see('disposed ' + name); } });
async function main() {
  let i = 0;
  for (await using r = resource('head'), n = null; i < 2; i++) {
    await later();
    see('loop body ' + i);
  }
  see('after the loop');
  outer: for (await using r = resource('labelled'); i < 5; i++) {
    for (const j of [1, 2]) { if (j === 2) continue outer; see('inner ' + i); }
  }
  see('after the labelled loop');
}

export default main;
