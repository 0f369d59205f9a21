// The runtime half of the await rewrite for loops that await: `for await` and
// `for (await using x of xs)`. The rewrite hands the loop a stand-in iterable whose iterator
// calls the real one's methods in the function's frame.

import type { AsyncCall } from './async-call';
import { resume, suspendCall } from './async-function';

/**
 * The iterable of a `for await` loop. Each pass calls the iterator's next() — which may run
 * an async generator's body — in the function's frame, and only then suspends, before the
 * loop awaits the result. The iterator's own results pass through untouched; a sync
 * iterable stays sync, so the engine's own async-from-sync wrapping (and its ticks) apply.
 */
export function iterate<T>(call: AsyncCall, iterable: AsyncIterable<T> | Iterable<T>): AsyncIterable<T> | Iterable<T> {
  if (iterable === null || iterable === undefined) return iterable;
  const asyncMethod = (iterable as AsyncIterable<T>)[Symbol.asyncIterator];
  if (asyncMethod !== undefined && asyncMethod !== null) {
    return { [Symbol.asyncIterator]: () => loopIterator(call, Reflect.apply(asyncMethod, iterable, []), true) } as AsyncIterable<T>;
  }
  return resuming(call, iterable as Iterable<T>, true);
}

/**
 * The iterable of a `for (await using x of xs)` loop: each pass ends by awaiting its
 * disposals, and the loop then calls next() (or return(), when it is left) before anything
 * else resumes the function. Those calls are made in the function's frame, as in any loop.
 */
export function resuming<T>(call: AsyncCall, iterable: Iterable<T>, suspends = false): Iterable<T> {
  if (iterable === null || iterable === undefined) return iterable;
  const method = iterable[Symbol.iterator];
  if (typeof method !== 'function') return iterable; // let the loop throw its own TypeError
  return { [Symbol.iterator]: () => loopIterator(call, Reflect.apply(method, iterable, []), suspends) } as Iterable<T>;
}

type AnyIterator = { next(...args: unknown[]): unknown; return?(...args: unknown[]): unknown; throw?(...args: unknown[]): unknown };

// Like the iterator it wraps: `next` read once, `return`/`throw` read when the loop asks for
// them, every call with the arguments the loop gave. Each call resumes the function first
// (after a pass whose `await using` resources were disposed, awaiting, nothing else has),
// and in a `for await` loop suspends it after, before the loop awaits the result.
function loopIterator(call: AsyncCall, iterator: AnyIterator, suspends: boolean): AnyIterator {
  const next = iterator.next;
  const forward = (method: Function | undefined, args: IArguments) => {
    resume(call, undefined);
    const result = Reflect.apply(method as Function, iterator, args);
    if (suspends) suspendCall(call);
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
