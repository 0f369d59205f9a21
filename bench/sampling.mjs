// Timing helpers: warm up, take several samples, keep the median.
// Hand loops rather than tinybench: its per-iteration timer reads cost more than a
// getStore() call, so the loop that repeats the operation has to be our own code.
import { nowNs } from './clock.mjs';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// Median absolute deviation as a fraction of the median: how far apart the samples were.
function relativeSpread(values) {
  const centre = median(values);
  return median(values.map((value) => Math.abs(value - centre))) / centre;
}

function summarize(values, misses) {
  return { median: median(values), min: Math.min(...values), spread: relativeSpread(values), samples: values.length, misses };
}

// A synchronous hand loop: `loop(n)` repeats the operation n times in its own for-loop (so
// the operation is inlined there, as in real code) and returns how many repetitions went
// wrong; that count is reported, which also keeps the work from being dead code.
class LoopSampler {
  #loop;
  #sampleNs;
  #iterations = 0;
  misses = 0;

  constructor(loop, sampleMs = 25) {
    this.#loop = loop;
    this.#sampleNs = sampleMs * 1e6;
  }

  #time(iterations) {
    const start = nowNs();
    this.misses += this.#loop(iterations);
    return nowNs() - start;
  }

  // Iterations that make one sample last about sampleMs. Called again after warm-up: the
  // first pass runs before the optimizing compiler has seen the loop.
  calibrate() {
    for (let iterations = 1024; ; iterations *= 2) {
      const elapsed = this.#time(iterations);
      if (elapsed >= this.#sampleNs / 8) {
        this.#iterations = Math.ceil((iterations * this.#sampleNs) / elapsed);
        return;
      }
    }
  }

  // Nanoseconds per operation.
  sample() {
    return this.#time(this.#iterations) / this.#iterations;
  }
}

// Nanoseconds per operation of a loop: calibrated, warmed up, then sampled.
export function nsPerOperation(loop, { warmups = 3, samples = 11 } = {}) {
  const sampler = new LoopSampler(loop);
  // Many short calls first, so that the optimizing compiler compiles the loop function as a
  // whole, the way it sees it from then on. Long calls alone get it compiled on-stack in
  // the middle of a loop, with inlining choices that change from one process to the next.
  for (let i = 0; i < 2000; i++) loop(64);
  sampler.calibrate();
  for (let i = 0; i < warmups; i++) sampler.sample();
  sampler.calibrate();
  sampler.misses = 0;
  const perOperation = [];
  for (let i = 0; i < samples; i++) perOperation.push(sampler.sample());
  return summarize(perOperation, sampler.misses);
}

// Milliseconds per run of an asynchronous workload that resolves to
// { misses, elapsedNs } (it times itself, leaving out what is no one's cost).
// Warm-ups must outlast the optimizing compiler's tiering up of the workload and of the
// host code it runs: Node's own timer code keeps getting faster for 50-70 bursts.
// A sample is the mean of a block of runs, long enough to hold a young-generation
// collection or so: a median of single runs would drop the collections, and with them
// the cost of whatever an engine allocates per callback.
export async function msPerRun(workload, { warmups, samples, block }) {
  for (let i = 0; i < warmups; i++) await workload();
  let misses = 0;
  const durations = [];
  for (let i = 0; i < samples; i++) {
    let elapsedNs = 0;
    for (let j = 0; j < block; j++) {
      const run = await workload();
      misses += run.misses;
      elapsedNs += run.elapsedNs;
    }
    durations.push(elapsedNs / block / 1e6);
  }
  return summarize(durations, misses);
}
