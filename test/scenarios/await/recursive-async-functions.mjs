// waits-for: transform
// Ways context gets lost (DESIGN): recursion. A recursive async function that opens a
// nested run() at every level sees each level's store after its awaits, on the way down
// and on the way back up; mutual recursion keeps the caller's store.
import { AsyncLocalStorage } from '#ctx';
import { atExit, log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
// The two flows end at times the event loop does not order: their lines print at exit.
const lines = { descend: [], parity: [] };
atExit(() => [...lines.descend, ...lines.parity].forEach((parts) => log(...parts)));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function descend(depth) {
  await sleep(depth % 2);
  const down = als.getStore();
  if (depth === 0) return [down];
  const below = await als.run(`level-${depth - 1}`, () => descend(depth - 1));
  await null;
  return [down, ...below, `back at ${als.getStore()}`];
}

async function isEven(n) {
  await null;
  return n === 0 ? `even in ${als.getStore()}` : isOdd(n - 1);
}
async function isOdd(n) {
  await sleep(0);
  return n === 0 ? `odd in ${als.getStore()}` : isEven(n - 1);
}

als.run('level-4', () => descend(4)).then((path) => lines.descend.push(['path:', path.join(' ')]));
als.run('parity', async () => {
  lines.parity.push(['7 is', await isEven(7)]);
  lines.parity.push(['after mutual recursion', als.getStore()]);
});
