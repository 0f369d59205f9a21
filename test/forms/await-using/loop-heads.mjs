// Await using in loop heads.
// node24-only: Node 20 has no `await using`
import { observe } from '../_lib/observe.cjs';

const { see } = observe();
const resource = (name) => ({ async [Symbol.asyncDispose]() { await null; see('disposed ' + name); } });
async function forOf() {
  for (await using r of [resource('for-of 1'), resource('for-of 2')]) see('for-of body');
  see('after the for-of loop');
}
async function forAwait() {
  for await (await using r of [resource('for-await')]) see('for-await body');
  see('after the for-await loop');
}
async function main() {
  await forOf();
  see('after forOf()');
  await forAwait();
}

export default main;
