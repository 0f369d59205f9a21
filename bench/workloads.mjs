// The four measured operations. `context` is anything with getStore() and
// run(store, fn): an AsyncLocalStorage, or the plain no-library baseline.
// Every operation reports how many reads did NOT see the store, so a run that loses the
// context shows up beside its (then meaningless) timing.
//
// bench/child.mjs imports this module twice under different URLs, once for the engine and
// once for the baseline, so that each gets its own copy of these functions and neither
// makes the other's call sites polymorphic.
import { nowNs } from './clock.mjs';

export const STORE = { request: 1 };
const returnOne = () => 1;

// getStore() inside a run, n times; returns the misses.
export function getStoreLoop(context, iterations) {
  return context.run(STORE, () => {
    let misses = 0;
    for (let i = 0; i < iterations; i++) if (context.getStore() !== STORE) misses++;
    return misses;
  });
}

// run(store, fn) from outside any run, n times, so every call really switches the store;
// returns the misses.
export function runLoop(context, iterations) {
  let total = 0;
  for (let i = 0; i < iterations; i++) total += context.run(STORE, returnOne);
  return iterations - total;
}

// A chain of `hops` .then callbacks started inside a run, each reading getStore().
// Built a thousand links at a time, the last link of each batch adding the next: one
// chain built at once would keep all 1e5 promises alive together, and the old-generation
// collections that such a heap brings would weigh more than the hops.
const BATCH = 1000;

export function thenChain(context, hops) {
  return new Promise((resolve) => {
    let misses = 0;
    let remaining = hops;
    const hop = () => {
      if (context.getStore() !== STORE) misses++;
    };
    const start = nowNs();
    const finish = () => resolve({ misses, elapsedNs: nowNs() - start });
    const addBatch = () => {
      const links = Math.min(BATCH, remaining);
      remaining -= links;
      let promise = Promise.resolve();
      for (let i = 0; i < links; i++) promise = promise.then(hop);
      promise.then(remaining > 0 ? addBatch : finish);
    };
    context.run(STORE, addBatch);
  });
}

// `count` setTimeout(0) callbacks scheduled inside a run, each reading getStore().
// Timed as the scheduling plus each pass of the event loop that ran some of them (a pass
// ends at the setImmediate its first callback queued). Left out: the wait for the 1 ms timer
// list to expire, and the spinning between passes when scheduling crossed a millisecond
// (Node then files the timers under different start times); neither is any library's work,
// and both would make the samples jump by whole milliseconds.
export function timerBurst(context, count) {
  return new Promise((resolve) => {
    let misses = 0;
    let pending = count;
    let busyNs = 0;
    let passStartedAt = 0;
    const endPass = () => {
      busyNs += nowNs() - passStartedAt;
      passStartedAt = 0;
      if (pending === 0) resolve({ misses, elapsedNs: busyNs });
    };
    const fire = () => {
      if (passStartedAt === 0) {
        passStartedAt = nowNs();
        setImmediate(endPass);
      }
      if (context.getStore() !== STORE) misses++;
      pending--;
    };
    const start = nowNs();
    context.run(STORE, () => {
      for (let i = 0; i < count; i++) setTimeout(fire, 0);
    });
    busyNs = nowNs() - start;
  });
}
