// waits-for: transform
// Ways context gets lost (DESIGN): the second and later awaits. Every await after the
// first, in loops, branches and nested calls, keeps the flow's store, while three flows
// with different delays interleave.
import { AsyncLocalStorage } from '#ctx';
import { atExit, log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
// The flows end at times the event loop does not order: each is printed at exit.
const results = new Map();
atExit(() => [...results.keys()].sort().forEach((name) => log(name, results.get(name))));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const step = async (name, i) => {
  await sleep(i % 2);
  return `${name}:${i}:${als.getStore()}`;
};

async function flow(name, delay) {
  const seen = [];
  for (let i = 0; i < 4; i += 1) {
    await sleep(delay);
    seen.push(als.getStore());
    if (i % 2 === 0) {
      await null;
      seen.push(als.getStore());
    } else {
      seen.push(await step(name, i));
    }
  }
  let n = 3;
  while (n > 0) {
    n -= await Promise.resolve(1);
    seen.push(als.getStore());
  }
  results.set(name, seen.join(' '));
}

als.run('a', () => flow('a', 1));
als.run('b', () => flow('b', 2));
als.run('c', () => flow('c', 3));
