// waits-for: transform
// A list of ways context gets lost (DESIGN): the second and later awaits, awaits of
// timers and of plain values, in loops, keep the async function's frame.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function flow(name) {
  await sleep(1);
  log(name, 'after 1st await', als.getStore());
  await null;
  log(name, 'after 2nd await', als.getStore());
  for (let i = 0; i < 3; i += 1) await sleep(0);
  log(name, 'after awaits in a loop', als.getStore());
  await Promise.all([sleep(1), sleep(2)]);
  log(name, 'after await Promise.all', als.getStore());
}

als.run('x', () => flow('x'));
als.run('y', () => flow('y'));
