// One measurement of one engine, in a fresh process; prints one line of JSON.
// Usage: node bench/child.mjs <baseline|native|portable|tracked> <getStore|run|thenChain|timers|awaits>
// A fresh process per measurement keeps one from changing the next: promise hooks, patched
// host functions, call-site feedback and heap size all outlive the measurement that caused
// them.
//
// For the .then chain, the timers and the awaits, the no-library baseline is measured in
// the same process before the engine is loaded, and is not measured again afterwards: the
// portable engine patches Promise.prototype.then and the timers when it is imported, and
// Node 20's AsyncLocalStorage turns on promise hooks at its first run(), which keep slowing
// promises even after disable(). getStore() and run() are compared with the baseline
// engine's own processes (bench/run.mjs).
import { existsSync } from 'node:fs';
import v8 from 'node:v8';
import { nowNs } from './clock.mjs';
import { transformedCopy } from './generate.mjs';
import { plainContext } from './plain-context.mjs';
import { msPerRun, nsPerOperation } from './sampling.mjs';

const HOPS = 1e5;
const TIMERS = 1e4;
// Runs per sample, sized so that a sample of the no-library baseline spans at least one
// young-generation collection (see sampling.mjs), and a process lasts about two seconds.
const CHAIN_RUNS = { warmups: 15, samples: 11, block: 6 };
const TIMER_RUNS = { warmups: 100, samples: 15, block: 8 };
const AWAITS = 1e5;
// About 5 ms a run without a library. Every side starts with short calls, as for the loops
// (sampling.mjs). Before the first side, whole runs until the young generation has stopped
// growing: these workloads leave few survivors, so V8 doubles it a second time only after
// 50-80 runs (about a second), and runs are 8-10% faster from then on; a baseline measured
// before that would flatter the engine measured after it.
const AWAIT_RUNS = { warmups: 12, samples: 11, block: 4 };
const AWAIT_SHORT_CALLS = 300;
const AWAIT_HEAP_WARMUP = { quiet: 90, limit: 250 };

async function loadEngine(engine) {
  switch (engine) {
    case 'baseline':
      return plainContext;
    case 'native':
      return new (await import('node:async_hooks')).AsyncLocalStorage();
    case 'portable':
      return new (await import('anyctx/portable')).AsyncLocalStorage();
    case 'tracked': {
      // The portable engine with a TaskTracker active around each workload: `run` enters the
      // tracker too, so every task a workload schedules is tracked.
      const [{ AsyncLocalStorage }, { TaskTracker }] = await Promise.all([import('anyctx/portable'), import('anyctx/tracker')]);
      const storage = new AsyncLocalStorage();
      const tracker = new TaskTracker();
      return {
        getStore: () => storage.getStore(),
        run: (store, fn) => tracker.run(() => storage.run(store, fn)),
      };
    }
    default:
      throw new Error(`unknown engine ${engine}; expected baseline, native, portable or tracked`);
  }
}

// A copy of the workloads of its own for each side (see workloads.mjs).
const loadWorkloads = (side) => import(new URL(`./workloads.mjs?for=${side}`, import.meta.url));

// ns per operation of a synchronous loop.
async function measureLoop(engine, loopName) {
  const workloads = await loadWorkloads('engine');
  const context = await loadEngine(engine);
  return nsPerOperation((n) => workloads[loopName](context, n));
}

// ms per run of an asynchronous workload, the baseline first, then the engine.
async function measureAgainstBaseline(engine, run, count, options) {
  const baselineWorkloads = await loadWorkloads('baseline');
  const engineWorkloads = await loadWorkloads('engine');
  const baseline = await msPerRun(() => run(baselineWorkloads, plainContext), options);
  const context = await loadEngine(engine);
  const measured = await msPerRun(() => run(engineWorkloads, context), options);
  return { engine: measured, baseline, ratio: measured.median / baseline.median, count };
}

// The await workloads: the portable engine runs the copy rewritten by the await transform
// (without it, native await loses the context in the portable engine); the baseline and
// Node's own engine run the file as it is, each side from its own copy.
const AWAIT_WORKLOADS = ['awaitNull', 'awaitAsyncCall'];

async function loadAwaitWorkloads(engine, side) {
  if (side === 'engine' && (engine === 'portable' || engine === 'tracked')) {
    const copy = transformedCopy('await-workloads.mjs');
    if (!existsSync(copy)) throw new Error('bench/.generated/ is missing: run node bench/run.mjs, which writes it');
    return import(copy);
  }
  return import(new URL(`./await-workloads.mjs?for=${side}`, import.meta.url));
}

// An await workload timed as a whole: it has no waits to leave out.
async function timedAwaits(workload, context) {
  const start = nowNs();
  const misses = await workload(context, AWAITS);
  return { misses, elapsedNs: nowNs() - start };
}

async function measureAwaitSide(workloads, context) {
  const results = {};
  for (const name of AWAIT_WORKLOADS) {
    for (let i = 0; i < AWAIT_SHORT_CALLS; i++) await workloads[name](context, 64);
    results[name] = await msPerRun(() => timedAwaits(workloads[name], context), AWAIT_RUNS);
  }
  return results;
}

const youngGenerationSize = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size;

// Calls `warmup` until the young generation has kept its size for `quiet` calls in a row,
// or `limit` calls in all.
async function warmUpHeap(warmup, { quiet, limit }) {
  let size = youngGenerationSize();
  for (let calls = 0, unchanged = 0; unchanged < quiet && calls < limit; calls++) {
    await warmup();
    const now = youngGenerationSize();
    unchanged = now === size ? unchanged + 1 : 0;
    size = now;
  }
}

// Both await workloads in one process: the baseline's, then the engine's.
async function measureAwaits(engine) {
  const baselineWorkloads = await loadAwaitWorkloads(engine, 'baseline');
  await warmUpHeap(async () => {
    for (const name of AWAIT_WORKLOADS) await baselineWorkloads[name](plainContext, AWAITS);
  }, AWAIT_HEAP_WARMUP);
  const baseline = await measureAwaitSide(baselineWorkloads, plainContext);
  // The engine first: importing the transformed copy would install the portable one anyway.
  const context = await loadEngine(engine);
  const measured = await measureAwaitSide(await loadAwaitWorkloads(engine, 'engine'), context);
  const parts = {};
  for (const name of AWAIT_WORKLOADS) {
    const ratio = measured[name].median / baseline[name].median;
    parts[name] = { engine: measured[name], baseline: baseline[name], ratio, count: AWAITS };
  }
  return { parts };
}

const measurements = {
  getStore: (engine) => measureLoop(engine, 'getStoreLoop'),
  run: (engine) => measureLoop(engine, 'runLoop'),
  thenChain: (engine) =>
    measureAgainstBaseline(engine, (workloads, context) => workloads.thenChain(context, HOPS), HOPS, CHAIN_RUNS),
  timers: (engine) =>
    measureAgainstBaseline(engine, (workloads, context) => workloads.timerBurst(context, TIMERS), TIMERS, TIMER_RUNS),
  awaits: measureAwaits,
};

const [engine, measurement] = process.argv.slice(2);
if (!Object.hasOwn(measurements, measurement)) {
  throw new Error(`unknown measurement ${measurement}; expected ${Object.keys(measurements).join(', ')}`);
}
const result = await measurements[measurement](engine);
console.log(JSON.stringify({ engine, node: process.version, measurement, result }));
