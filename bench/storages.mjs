// Many live storages, in a fresh process: how a pending timer's memory and the time of
// 10,000 runs depend on how many storages exist, the last one created doing the work.
// Usage: node --expose-gc bench/storages.mjs <baseline|native|portable> <count>
// Prints one line of JSON: bytes per pending timer (heap after full collections, 10,000
// timers, each scheduled inside a run of the last storage of its own, so each keeps a frame
// of its own) and ms per 10,000 runs (each reading getStore(); CPU time, the median of several
// samples after warm-up). The baseline has no library: its timers keep no context, its
// storages are plain variables.
import { nowNs } from './clock.mjs';
import { median } from './sampling.mjs';

const TIMERS = 10_000;
const RUNS = 10_000;
const SAMPLES = 15;
// Warm-up: batches of RUNS runs until this much CPU time, or WARMUP_BATCHES batches, passed.
const WARMUP_MS = 300;
const WARMUP_BATCHES = 100;

function plainStorage() {
  let current;
  return {
    getStore: () => current,
    run(store, fn) {
      const previous = current;
      current = store;
      try {
        return fn();
      } finally {
        current = previous;
      }
    },
  };
}

async function storageClass(engine) {
  switch (engine) {
    case 'baseline':
      return plainStorage;
    case 'native':
      return (await import('node:async_hooks')).AsyncLocalStorage;
    case 'portable':
      return (await import('anyctx/portable')).AsyncLocalStorage;
    default:
      throw new Error(`unknown engine ${engine}; expected baseline, native or portable`);
  }
}

function heapAfterCollection() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

function bytesPerTimer(storage) {
  const noop = () => {};
  const timers = [];
  const before = heapAfterCollection();
  const schedule = () => timers.push(setTimeout(noop, 60_000));
  for (let i = 0; i < TIMERS; i++) storage.run({ request: i }, schedule);
  const bytes = (heapAfterCollection() - before) / TIMERS;
  for (const timer of timers) clearTimeout(timer);
  return bytes;
}

function runs(storage) {
  let misses = 0;
  const start = nowNs();
  for (let i = 0; i < RUNS; i++) if (storage.run(i, () => storage.getStore()) !== i) misses++;
  return { ms: (nowNs() - start) / 1e6, misses };
}

const [engine, countText] = process.argv.slice(2);
const count = Number(countText);
if (!Number.isInteger(count) || count < 1) throw new Error('the count of storages must be a positive integer');
if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');
const Storage = await storageClass(engine);
const storages = Array.from({ length: count }, () => (engine === 'baseline' ? Storage() : new Storage()));
const last = storages[count - 1];
const timer = bytesPerTimer(last);
const warmupStart = nowNs();
for (let batch = 0; batch < WARMUP_BATCHES && nowNs() - warmupStart < WARMUP_MS * 1e6; batch++) runs(last);
const samples = Array.from({ length: SAMPLES }, () => runs(last));
const misses = samples.reduce((sum, sample) => sum + sample.misses, 0);
console.log(JSON.stringify({ engine, node: process.version, count, result: { bytesPerTimer: timer, msPerRuns: median(samples.map((sample) => sample.ms)), misses, live: storages.length } }));
