// One measurement of one engine, in a fresh process; prints one line of JSON.
// Usage: node bench/child.mjs <baseline|native|portable> <getStore|run|thenChain|timers>
// A fresh process per measurement keeps one from changing the next: promise hooks, patched
// host functions, call-site feedback and heap size all outlive the measurement that caused
// them.
//
// For the .then chain and the timers, the no-library baseline is measured in the same
// process before the engine is loaded, and is not measured again afterwards: the portable
// engine patches Promise.prototype.then and the timers when it is imported, and Node 20's
// AsyncLocalStorage turns on promise hooks at its first run(), which keep slowing promises
// even after disable(). getStore() and run() are compared with the baseline engine's own
// processes (bench/run.mjs).
import { plainContext } from './plain-context.mjs';
import { msPerRun, nsPerOperation } from './sampling.mjs';

const HOPS = 1e5;
const TIMERS = 1e4;
// Runs per sample, sized so that a sample of the no-library baseline spans at least one
// young-generation collection (see sampling.mjs), and a process lasts about two seconds.
const CHAIN_RUNS = { warmups: 15, samples: 11, block: 6 };
const TIMER_RUNS = { warmups: 100, samples: 15, block: 8 };

async function loadEngine(engine) {
  switch (engine) {
    case 'baseline':
      return plainContext;
    case 'native':
      return new (await import('node:async_hooks')).AsyncLocalStorage();
    case 'portable':
      return new (await import('asyncctx/portable')).AsyncLocalStorage();
    default:
      throw new Error(`unknown engine ${engine}; expected baseline, native or portable`);
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

const measurements = {
  getStore: (engine) => measureLoop(engine, 'getStoreLoop'),
  run: (engine) => measureLoop(engine, 'runLoop'),
  thenChain: (engine) =>
    measureAgainstBaseline(engine, (workloads, context) => workloads.thenChain(context, HOPS), HOPS, CHAIN_RUNS),
  timers: (engine) =>
    measureAgainstBaseline(engine, (workloads, context) => workloads.timerBurst(context, TIMERS), TIMERS, TIMER_RUNS),
};

const [engine, measurement] = process.argv.slice(2);
if (!Object.hasOwn(measurements, measurement)) {
  throw new Error(`unknown measurement ${measurement}; expected ${Object.keys(measurements).join(', ')}`);
}
const result = await measurements[measurement](engine);
console.log(JSON.stringify({ engine, node: process.version, measurement, result }));
