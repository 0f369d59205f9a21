// The runtime half of the `await using` rewrite. At the end of its block the engine calls a
// resource's [Symbol.asyncDispose]() and awaits the result as one step, with nothing in
// between that rewritten code could run. So the rewrite declares the resource as a `const`
// and hands the engine a stand-in instead:
//
//   await using r = open();   →   const r = open(); await using __acd0 = disposer(call, r);
//
// The stand-in calls the resource's own method in the function's frame and suspends just
// before the engine awaits. `r` is the resource itself; the engine's checks, its errors,
// the disposal order, SuppressedError and the ticks stay the engine's own: a null, a
// non-object or an object without a method is handed over as it is, for the engine to
// accept or reject.
//
// Sync `using` declarations in the same block get a stand-in too: the block suspends
// (putting the outer frame back) before its disposals begin, for the awaits of `await using
// x = null`, which call nothing.

import { Phase, type AsyncCall } from './async-call';
import { suspend, suspendCall } from './async-function';
import { recover } from './async-generator-body';
import { NativePromise } from './thenable';

// Where the engine has no such symbols, code with `await using` was lowered by Babel, whose
// helpers fall back to these registered ones (as core-js's polyfills do).
const ASYNC_DISPOSE: symbol = Symbol.asyncDispose ?? Symbol.for('Symbol.asyncDispose');
const DISPOSE: symbol = Symbol.dispose ?? Symbol.for('Symbol.dispose');

const isObject = (value: unknown): value is Record<symbol, unknown> =>
  (typeof value === 'object' && value !== null) || typeof value === 'function';

/**
 * At the end of a block (or module) with `await using`, before its disposals. Already
 * suspended if the rewritten block's inner part disposed its own declarations just before.
 */
export function disposing(call: AsyncCall): void {
  if (call.phase === Phase.Suspended) return;
  recover(call); // a generator closed at a `yield` goes on as its finally blocks would
  suspendCall(call);
}

export function disposer(call: AsyncCall, value: unknown): unknown {
  if (!isObject(value)) return value;
  const asyncMethod = value[ASYNC_DISPOSE];
  if (asyncMethod !== undefined && asyncMethod !== null) {
    if (typeof asyncMethod !== 'function') return value;
    return {
      [ASYNC_DISPOSE]() {
        recover(call);
        let result: unknown;
        try {
          result = Reflect.apply(asyncMethod, value, []);
        } catch (error) {
          // A call that throws is not awaited: nothing suspends, the frame is put back.
          suspendCall(call);
          throw error;
        }
        return suspend(call, result);
      },
    };
  }
  const syncMethod = value[DISPOSE];
  if (typeof syncMethod !== 'function') return value;
  return {
    // The engine's own wrapping of a sync method for `await using`: its result is dropped
    // and a throw becomes a rejection, awaited like any other.
    [ASYNC_DISPOSE]() {
      recover(call);
      try {
        Reflect.apply(syncMethod, value, []);
      } catch (error) {
        return suspend(call, NativePromise.reject(error));
      }
      return suspend(call, undefined);
    },
  };
}

export function syncDisposer(call: AsyncCall, value: unknown): unknown {
  if (!isObject(value)) return value;
  const method = value[DISPOSE];
  if (typeof method !== 'function') return value;
  return {
    [DISPOSE]() {
      recover(call);
      try {
        return Reflect.apply(method, value, []);
      } finally {
        suspendCall(call);
      }
    },
  };
}
