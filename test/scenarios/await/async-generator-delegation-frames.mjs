// waits-for: transform
// Async generators delegating with yield*: what runs after a next(), return() or throw() of
// the outer generator runs in that call's frame (the latest call's, never an earlier
// caller's), at every depth of delegation: the code after a `yield*` in the frame of the
// next() that finished it, and a return() forwarded to the inner generator (after awaiting
// its value) running the inner's finally in the frame of the return() call.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

async function* leaf(name) {
  try {
    log(name, 'starts in', als.getStore());
    yield `${name}-1`;
    log(name, 'resumed in', als.getStore());
    yield `${name}-2`;
  } finally {
    log(name, 'finally in', als.getStore());
  }
}

async function* middle() {
  try {
    yield* leaf('leaf');
    log('middle after yield* in', als.getStore());
    yield 'middle';
  } finally {
    log('middle finally in', als.getStore());
  }
}

async function* outer() {
  try {
    yield* middle();
    log('outer after yield* in', als.getStore());
  } finally {
    log('outer finally in', als.getStore());
  }
}

const step = async (generator, flow, method, value) => {
  const result = await als.run(flow, () => generator[method](value));
  log(`${flow}: ${method} ->`, result.value, result.done, 'back in', als.getStore());
};

// Each call from another flow: every part runs in the flow of the call that resumed it.
const walked = als.run('creator', () => outer());
await step(walked, 'A', 'next');
await step(walked, 'B', 'next');
await step(walked, 'C', 'next');
await step(walked, 'D', 'next');
await step(walked, 'E', 'next');

// return() through two levels of yield*: each finally in the return() call's frame.
const returned = als.run('creator', () => outer());
await step(returned, 'F', 'next');
await step(returned, 'G', 'return', 'early');

// throw() through them: each finally in the throw() call's frame.
const thrown = als.run('creator', () => outer());
await step(thrown, 'H', 'next');
await als.run('I', () => thrown.throw(new Error('stop'))).catch((error) => log('I: throw rejects', error.message, als.getStore()));

// yield* of a sync iterable: no generator behind it.
async function* fromIterable() {
  yield* [1, 2];
  log('after sync yield* in', als.getStore());
}
const iterable = als.run('creator', () => fromIterable());
for (const flow of ['J', 'K', 'L', 'M']) await step(iterable, flow, 'next');
