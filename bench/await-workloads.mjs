// Native `await` inside a run. `context` is anything with getStore() and run(store, fn).
// Each workload resolves to how many reads did NOT see the store.
//
// For the portable engine this file runs as rewritten by the await transform
// (bench/generate.mjs writes the copy into bench/.generated/); every other engine runs it
// as it is. It imports nothing, so the copy works from any directory.

export const STORE = { request: 1 };

// An async function that does not suspend: `await` of its already-settled promise.
async function readStore(context) {
  return context.getStore() === STORE ? 0 : 1;
}

// `count` times `await null` inside a run, reading getStore() after each.
export function awaitNull(context, count) {
  return context.run(STORE, async () => {
    let misses = 0;
    for (let i = 0; i < count; i++) {
      await null;
      if (context.getStore() !== STORE) misses++;
    }
    return misses;
  });
}

// `count` times `await readStore()` inside a run: the store is read in the called async
// function and again after the await.
export function awaitAsyncCall(context, count) {
  return context.run(STORE, async () => {
    let misses = 0;
    for (let i = 0; i < count; i++) {
      misses += await readStore(context);
      if (context.getStore() !== STORE) misses++;
    }
    return misses;
  });
}
