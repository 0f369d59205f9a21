// Await using: leaving the block with break, continue and return.
// node24-only: Node 20 has no `await using`
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
const resource = (name) => ({ async [Symbol.asyncDispose]() { await later(); see('disposed ' + name); } });
async function early() { await using r = resource('return'); return 'returned'; }
async function main() {
  for (const i of [1, 2]) {
    await using r = resource('loop ' + i);
    if (i === 1) continue;
    break;
  }
  see('after the loop');
  see(await early());
}

export default main;
