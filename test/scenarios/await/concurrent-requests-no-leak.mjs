// waits-for: transform
// docs/semantics.md §6.1: many concurrent async flows interleaved by timers, thenables and
// promise combinators; every resumption checks its own flow's store.
import { AsyncLocalStorage } from '#ctx';
import { atExit, log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
let wrong = 0;
let checks = 0;
const check = (flow) => { checks += 1; if (als.getStore() !== flow) wrong += 1; };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const thenable = (ms) => ({ then(ok) { setTimeout(ok, ms); } });

async function request(flow, n) {
  check(flow);
  await sleep(n % 3);
  check(flow);
  await thenable(n % 2);
  check(flow);
  await Promise.all([sleep(1), null, thenable(0)]);
  check(flow);
  try { await Promise.reject(new Error('x')); } catch { check(flow); }
  await new Promise((r) => setImmediate(r));
  check(flow);
}

for (let i = 0; i < 40; i += 1) als.run(`flow-${i}`, () => request(`flow-${i}`, i));
atExit(() => log('checks:', checks, 'wrong:', wrong));
