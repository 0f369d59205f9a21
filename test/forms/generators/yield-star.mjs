// Async generators: yield*.
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
async function* inner() { await later(); see('inner'); yield 'i1'; yield 'i2'; return 'inner result'; }
async function* outer() {
  const result = yield* inner();
  see('after yield* got ' + result);
  yield* ['s1', 's2'];
  see('after yield* of an array');
}
async function main() {
  for await (const v of outer()) see('loop got ' + v);
}

export default main;
