// waits-for: transform
// Ways context gets lost (DESIGN): long chains. A thousand awaits in a row, and a chain
// of a thousand nested async calls, end in the store they started in; two such chains
// interleave without mixing.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const DEPTH = 1000;

async function manyAwaits(name) {
  let wrong = 0;
  for (let i = 0; i < DEPTH; i += 1) {
    await (i % 3 === 0 ? null : Promise.resolve(i));
    if (als.getStore() !== name) wrong += 1;
  }
  log(name, 'after', DEPTH, 'awaits in a loop: wrong', wrong, 'store', als.getStore());
}

async function chain(name, n) {
  if (n === 0) {
    await null;
    return als.getStore() === name ? 0 : 1;
  }
  const wrongBelow = await chain(name, n - 1);
  return wrongBelow + (als.getStore() === name ? 0 : 1);
}

async function nested(name) {
  const wrong = await chain(name, DEPTH);
  log(name, 'after a chain of', DEPTH, 'nested calls: wrong', wrong, 'store', als.getStore());
}

als.run('loop-a', () => manyAwaits('loop-a'));
als.run('loop-b', () => manyAwaits('loop-b'));
als.run('chain-a', () => nested('chain-a'));
als.run('chain-b', () => nested('chain-b'));
