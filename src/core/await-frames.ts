// The runtime half of the await transform: per invocation of a transformed async function,
// the frame to resume with and the frame to put back, so that native `await` keeps the
// context without an extra promise or tick.
//
//   async function f() {
//     const $f = enter();                          // the synchronous part runs in the
//     try {                                        // caller's frame, untouched
//       const x = resume($f, await suspend($f, EXPR));
//       ...                                        // catch/finally blocks start with recover($f)
//     } finally { leave($f); }
//   }
//
// suspend() runs just after EXPR is evaluated and before the engine suspends the function;
// resume() runs first thing when the engine resumes it, from whatever frame the microtask
// queue left current. The awaited value passes through untouched.

import { currentFrame, restoreFrame, EMPTY_FRAME, type Frame } from './frame';
import { keepThenableFrame } from './thenable';
import { executionAsyncId, executionResource, newAsyncId, setExecution, triggerAsyncId } from './execution';
import { emitAfter, emitBefore, emitInit, hookCounts } from './hooks';
import { promiseAsyncId } from './promise-ids';

/** Running in the caller's frame: the synchronous part, or after a generator's `yield`. */
const SYNCHRONOUS = 0;
const SUSPENDED = 1;
/** Running a resumed piece: `inner` is current, `outer` must be put back when it ends. */
const RESUMED = 2;

export class AwaitFrame {
  inner: Frame = EMPTY_FRAME;
  outer: Frame = EMPTY_FRAME;
  state = SYNCHRONOUS;
  /** While a hook is enabled: the PROMISE resource of the pending await. */
  hooked: AwaitResource | undefined = undefined;
}

/**
 * Node gives each `await` a promise of its own, whose hooks fire around the continuation
 * and whose id is the continuation's executionAsyncId. The engine cannot see that promise,
 * so while a hook is enabled the await gets an equivalent resource here.
 */
interface AwaitResource {
  asyncId: number;
  trigger: number;
  resource: object;
  savedId: number;
  savedTrigger: number;
  savedResource: object;
}

function beginAwaitResource(f: AwaitFrame, awaited: unknown): void {
  const trigger = awaited instanceof NativePromise ? promiseAsyncId(awaited) : executionAsyncId;
  const asyncId = newAsyncId();
  const resource = {};
  f.hooked = { asyncId, trigger, resource, savedId: 0, savedTrigger: 0, savedResource: resource };
  emitInit(asyncId, 'PROMISE', trigger, resource);
}

function enterAwaitResource(hooked: AwaitResource): void {
  hooked.savedId = executionAsyncId;
  hooked.savedTrigger = triggerAsyncId;
  hooked.savedResource = executionResource;
  setExecution(hooked.asyncId, hooked.trigger, hooked.resource);
  emitBefore(hooked.asyncId);
}

function endAwaitResource(f: AwaitFrame, hooked: AwaitResource): void {
  emitAfter(hooked.asyncId);
  setExecution(hooked.savedId, hooked.savedTrigger, hooked.savedResource);
  f.hooked = undefined;
}

const NativePromise = Promise;

export function enter(): AwaitFrame {
  return new AwaitFrame();
}

/**
 * Before a suspension: remember the frame to resume with, put back the outer one. An
 * awaited thenable gets its `then` called in the function's frame, as a resolve would.
 */
export function suspend<T>(f: AwaitFrame, value: T): T {
  f.inner = currentFrame();
  const awaited = keepThenableFrame(value);
  if (f.state === RESUMED) endPiece(f);
  f.state = SUSPENDED;
  if (hookCounts.any > 0) beginAwaitResource(f, value);
  return awaited;
}

/** The end of a resumed piece: its await resource's after hook, the outer frame back. */
function endPiece(f: AwaitFrame): void {
  if (f.hooked !== undefined) endAwaitResource(f, f.hooked);
  restoreFrame(f.outer);
}

/** After a resumption: make the remembered frame current again. */
export function resume<T>(f: AwaitFrame, value: T): T {
  if (f.state === SUSPENDED) {
    f.outer = currentFrame();
    restoreFrame(f.inner);
    f.state = RESUMED;
    if (f.hooked !== undefined) enterAwaitResource(f.hooked);
  }
  return value;
}

/** At the start of catch and finally blocks: a rejected await resumes there. */
export function recover(f: AwaitFrame): void {
  resume(f, undefined);
}

/**
 * Before an async generator's `yield`: the generator is resumed by the next `next()` call,
 * synchronously, in that caller's frame (Node's rule), so it continues as a synchronous part.
 */
export function yielding<T>(f: AwaitFrame, value: T): T {
  if (f.state === RESUMED) endPiece(f);
  f.state = SYNCHRONOUS;
  return value;
}

/** On return or throw: put back the frame the resumed piece found. */
export function leave(f: AwaitFrame): void {
  if (f.state === RESUMED) endPiece(f);
  f.state = SYNCHRONOUS;
}

/**
 * The iterable of a `for await` loop. Each pass calls the iterator's next() — which may run
 * an async generator's body — in the function's frame, and only then suspends, before the
 * loop awaits the result. The iterator's own results pass through untouched; a sync
 * iterable stays sync, so the engine's own async-from-sync wrapping (and its ticks) apply.
 */
export function iterate<T>(f: AwaitFrame, iterable: AsyncIterable<T> | Iterable<T>): AsyncIterable<T> | Iterable<T> {
  if (iterable === null || iterable === undefined) return iterable;
  const asyncMethod = (iterable as AsyncIterable<T>)[Symbol.asyncIterator];
  if (asyncMethod !== undefined && asyncMethod !== null) {
    return { [Symbol.asyncIterator]: () => suspendingIterator(f, Reflect.apply(asyncMethod, iterable, [])) } as AsyncIterable<T>;
  }
  const syncMethod = (iterable as Iterable<T>)[Symbol.iterator];
  if (typeof syncMethod !== 'function') return iterable; // let the loop throw its own TypeError
  return { [Symbol.iterator]: () => suspendingIterator(f, Reflect.apply(syncMethod, iterable, [])) } as Iterable<T>;
}

type AnyIterator = { next(value?: unknown): unknown; return?(value?: unknown): unknown; throw?(value?: unknown): unknown };

function suspendingIterator(f: AwaitFrame, iterator: AnyIterator): AnyIterator {
  const wrapped: AnyIterator = {
    next(value?: unknown) {
      return suspend(f, iterator.next(value));
    },
  };
  // Only where the iterator has them: the loop looks them up to decide what to call.
  if (iterator.return !== undefined) wrapped.return = (value?: unknown) => suspend(f, iterator.return!(value));
  if (iterator.throw !== undefined) wrapped.throw = (value?: unknown) => suspend(f, iterator.throw!(value));
  return wrapped;
}
