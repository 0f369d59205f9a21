// For await over async generators, arrays of promises and sync iterables.
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
async function* numbers() { yield 1; await later(); yield 2; }
async function main() {
  for await (const n of numbers()) { see('from generator ' + n); await null; see('after await in body ' + n); }
  see('after loop');
  for await (const v of [later('a'), 'plain', Promise.resolve('b')]) { see('from array ' + v); }
  for await (const [k, v] of new Map([['key', later('value')]])) see('destructured ' + k);
  let last;
  for await (last of numbers()) {}
  see('assignment target ' + last);
}

export default main;
