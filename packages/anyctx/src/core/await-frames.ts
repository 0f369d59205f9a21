// The runtime half of the await transform: per invocation of a transformed async function,
// the frame to resume with and the frame to put back, so that native `await` keeps the
// context without an extra promise or tick.
//
//   async function f() {
//     const $f = enter(); let $v;                  // the synchronous part runs in the
//     try {                                        // caller's frame, untouched
//       const x = ($v = await suspend($f, EXPR), resume($f, $v, $v = void 0));
//       ...                                        // catch/finally blocks start with recover($f)
//     } finally { leave($f); }
//   }
//
// suspend() runs just after EXPR is evaluated and before the engine suspends the function;
// resume() runs first thing when the engine resumes it, from whatever frame the microtask
// queue left current. The awaited value passes through untouched.

import { currentFrame, notifyUnscopedChange, restoreFrame, EMPTY_FRAME, type Frame } from './frame';
import { keepThenableFrame, NativePromise } from './thenable';
import { enabledHooks, hookLayer } from './hook-layer';
import type { AwaitResource } from './await-resources';
import { disposer, disposing, syncDisposer } from './await-disposers';
import type { AwaitHelpers, BasicAwaitHelpers } from '../protocol/await-helpers';

// A const enum: the bundler writes the numbers in, where module-level constants would be
// loaded and checked at every await.
export const enum State {
  /** Running in the caller's frame: the synchronous part, or after a generator's `yield`. */
  Synchronous,
  Suspended,
  /** Running a resumed piece: `inner` is current, `outer` must be put back when it ends. */
  Resumed,
  /** An async generator paused at `yield`; `inner` is the frame it yielded in. */
  Yielded,
}

export class AwaitFrame {
  inner: Frame = EMPTY_FRAME;
  outer: Frame = EMPTY_FRAME;
  state = State.Synchronous;
  /** While a hook is enabled: the PROMISE resource of the pending await (await-resources.ts). */
  hooked?: AwaitResource;
}

export function enter(): AwaitFrame {
  return new AwaitFrame();
}

/**
 * An async generator's body starts inside its first next() (or return()/throw()) call: the
 * host layer names the generator being called, and the body's frame is filed under it, for
 * a later return() to find (atReturn below).
 */
export function enterGenerator(): AwaitFrame {
  const f = new AwaitFrame();
  if (startingGenerator !== undefined) {
    generatorFrames.set(startingGenerator, f);
    startingGenerator = undefined;
  }
  return f;
}

const generatorFrames = new WeakMap<object, AwaitFrame>();
let startingGenerator: object | undefined;

/** Around each next()/return()/throw() call (host layer): the generator called; returns the previous. */
export function callingGenerator(generator: object | undefined): object | undefined {
  const previous = startingGenerator;
  startingGenerator = generator;
  return previous;
}

/**
 * return() on a generator paused at `yield` resumes it after awaiting the value, from the
 * microtask queue; its finally blocks (and disposals) then run in the frame return() was
 * called in, as Node's do.
 */
export function atReturn(generator: object): void {
  const f = generatorFrames.get(generator);
  if (f !== undefined && f.state === State.Yielded) f.inner = currentFrame();
}

/**
 * Before a suspension: remember the frame to resume with, put back the outer one. An
 * awaited thenable gets its `then` called in the function's frame, as a resolve would.
 */
export function suspend<T>(f: AwaitFrame, value: T): T {
  // A native promise (what an async function returns) is awaited as it is, and only an
  // object or a function can be a thenable: anything else skips the check (and its
  // try/catch) entirely.
  const awaited = value instanceof NativePromise || ((typeof value !== 'object' || value === null) && typeof value !== 'function') ? value : awaitable(value);
  suspendFrame(f);
  if (enabledHooks > 0) hookLayer!.beginAwait(f, value);
  return awaited;
}

function awaitable<T>(value: T): T {
  try {
    return keepThenableFrame(value);
  } catch (error) {
    // A throwing `then` getter: the await rejects one tick later, as the engine's own would.
    return NativePromise.reject(error) as T;
  }
}

export function suspendFrame(f: AwaitFrame): void {
  f.inner = currentFrame();
  if (f.state === State.Resumed) endPiece(f);
  f.state = State.Suspended;
}

/** The end of a resumed piece: its await resource's after hook, the outer frame back. */
function endPiece(f: AwaitFrame): void {
  if (f.hooked !== undefined) hookLayer!.endAwait(f);
  restoreFrame(f.outer);
}

/** After a resumption: make the remembered frame current again. */
export function resume<T>(f: AwaitFrame, value: T): T {
  if (f.state === State.Suspended || f.state === State.Yielded) {
    f.outer = currentFrame();
    restoreFrame(f.inner);
    f.state = State.Resumed;
    if (f.hooked !== undefined) hookLayer!.enterAwait(f);
  }
  return value;
}

/**
 * At the start of catch and finally blocks: a rejected await resumes there, and so does an
 * async generator closed or thrown into at a `yield` (after an await of its own).
 */
export function recover(f: AwaitFrame): void {
  if (f.state === State.Yielded) yielded(f, undefined);
  else resume(f, undefined);
}

/** Before an async generator's `yield` (and `yield*`, and its `return`, which await too). */
export function yielding<T>(f: AwaitFrame, value: T): T {
  f.inner = currentFrame();
  if (f.state === State.Resumed) endPiece(f);
  f.state = State.Yielded;
  return value;
}

/**
 * After a `yield` resumes normally. A `next()` call resumes the generator synchronously, in
 * its caller's frame (Node's rule), so it goes on as a synchronous part. A `next()` queued
 * while the generator was busy, or the end of a `yield*`, resumes it later from the
 * microtask queue, where no context is current: it goes on in the frame it yielded in.
 */
export function yielded<T>(f: AwaitFrame, value: T): T {
  if (f.state === State.Yielded) {
    if (generatorCalls.depth === 0) resume(f, undefined);
    else f.state = State.Synchronous;
  }
  return value;
}

/**
 * How many calls that resume a paused async generator synchronously are on the stack (host
 * layer): its next()/return()/throw(), and Promise executors, inside which Babel's lowered
 * async generators resume theirs. An object field, so that both host modules count it in
 * place: a module variable would need a function each way, in every bundle.
 */
export const generatorCalls = { depth: 0 };

/**
 * A module body's resumed piece ends at its last statement, and a throw skips that: the
 * outer frame is then put back before the next task's code by the same reset an outermost
 * `enterWith` gets.
 */
export function resumeModule<T>(f: AwaitFrame, value: T): T {
  if (f.state === State.Suspended) notifyUnscopedChange();
  return resume(f, value);
}

/** On return or throw: put back the frame the resumed piece found. */
export function leave(f: AwaitFrame): void {
  if (f.state === State.Resumed) endPiece(f);
  f.state = State.Synchronous;
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
    return { [Symbol.asyncIterator]: () => loopIterator(f, Reflect.apply(asyncMethod, iterable, []), true) } as AsyncIterable<T>;
  }
  return resuming(f, iterable as Iterable<T>, true);
}

/**
 * The iterable of a `for (await using x of xs)` loop: each pass ends by awaiting its
 * disposals, and the loop then calls next() (or return(), when it is left) before anything
 * else resumes the function. Those calls are made in the function's frame, as in any loop.
 */
export function resuming<T>(f: AwaitFrame, iterable: Iterable<T>, suspends = false): Iterable<T> {
  if (iterable === null || iterable === undefined) return iterable;
  const method = iterable[Symbol.iterator];
  if (typeof method !== 'function') return iterable; // let the loop throw its own TypeError
  return { [Symbol.iterator]: () => loopIterator(f, Reflect.apply(method, iterable, []), suspends) } as Iterable<T>;
}

type AnyIterator = { next(...args: unknown[]): unknown; return?(...args: unknown[]): unknown; throw?(...args: unknown[]): unknown };

// Like the iterator it wraps: `next` read once, `return`/`throw` read when the loop asks for
// them, every call with the arguments the loop gave. Each call resumes the function first
// (after a pass whose `await using` resources were disposed, awaiting, nothing else has),
// and in a `for await` loop suspends it after, before the loop awaits the result.
function loopIterator(f: AwaitFrame, iterator: AnyIterator, suspends: boolean): AnyIterator {
  const next = iterator.next;
  const forward = (method: Function | undefined, args: IArguments) => {
    resume(f, undefined);
    const result = Reflect.apply(method as Function, iterator, args);
    if (suspends) suspendFrame(f);
    return result;
  };
  return {
    next() {
      return forward(next, arguments);
    },
    get return() {
      const method = iterator.return;
      return method === undefined || method === null ? method : function () { return forward(method, arguments); };
    },
    get throw() {
      const method = iterator.throw;
      return method === undefined || method === null ? method : function () { return forward(method, arguments); };
    },
  } as AnyIterator;
}

/**
 * What rewritten code calls, as one frozen object of plain data properties: each call site
 * then finds its helper as a constant and V8 inlines it. A module namespace object, or the
 * getters a bundler turns one into, would put a getter call before every helper call.
 */
export const awaitFrames = /* @__PURE__ */ Object.freeze({
  enter, enterGenerator, suspend, resume, recover, yielding, yielded, resumeModule, leave, iterate, resuming, disposing, disposer, syncDisposer,
} satisfies AwaitHelpers);

/**
 * The same helpers, those of async functions and top-level await only: what a file without
 * async generators, `for await` or `await using` imports (the transform chooses), so that
 * a bundle none of whose files has them leaves the rest, and the host's async generator
 * instrumentation, out.
 */
export const awaitFramesBasic = /* @__PURE__ */ Object.freeze({
  enter, suspend, resume,
  // Without generators no frame is ever Yielded, and the rewrite discards recover()'s value.
  recover: resume,
  resumeModule, leave,
} satisfies BasicAwaitHelpers);
