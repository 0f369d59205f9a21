// docs/semantics.md §6.1 (no leak): many concurrent flows interleaved by timers, immediates,
// ticks and promises; each step checks it sees its own flow's store.
import { AsyncLocalStorage } from '#ctx';
import { atExit, log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
let wrong = 0;
let steps = 0;
const finished = [];

// A small deterministic pseudo-random sequence.
let seed = 7;
const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % 4;

function step(flow, remaining) {
  steps += 1;
  if (als.getStore() !== flow) wrong += 1;
  if (remaining === 0) { finished.push(flow); return; }
  const go = () => step(flow, remaining - 1);
  switch (next()) {
    case 0: setTimeout(go, next()); break;
    case 1: setImmediate(go); break;
    case 2: process.nextTick(go); break;
    default: Promise.resolve().then(go);
  }
}

for (let i = 0; i < 50; i += 1) als.run(`flow-${i}`, () => step(`flow-${i}`, 12));
atExit(() => {
  log('steps:', steps, 'wrong stores:', wrong, 'flows finished:', finished.length);
});
