// Thenable resolution: when a promise is resolved with (or an `await` is given) a thenable
// that is not a native promise, the engine calls its `then` in a later microtask. That call
// runs in the frame of the code that resolved (Node's rule), so the thenable is handed over
// with a `then` that restores that frame. `then` is read exactly once, as the engine itself
// would read it.
//
// The promise resolved with it (the adopter, where the engine knows it) is rejected where
// Node rejects it: adopting a native promise, in the frame of the resolve (the reaction that
// passes the rejection on is queued there); adopting a thenable, in the frame of the call of
// the reject function the thenable was given.

import { currentFrame, runInFrame } from './frame';
import { recordRejection } from './rejection';

/**
 * The native constructor (the one async functions' promises have), taken before the host
 * layer replaces the global one; the replacement shares its prototype, so `instanceof`
 * answers the same for both. Not the global `Promise` itself: a library (bluebird, core-js,
 * zone.js) may have put its own there.
 */
export const NativePromise: PromiseConstructor = (async () => {})().constructor as PromiseConstructor;

/** What a thenable is handed over as. Its adopter may be set after it is made (Promise.resolve). */
export interface StandIn {
  then(onFulfilled: unknown, onRejected: unknown): unknown;
  adopter: object | undefined;
}

export function keepThenableFrame<T>(value: T, adopter?: object): T {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  if (value instanceof NativePromise) {
    if (adopter !== undefined) recordRejection(adopter);
    return value;
  }
  const then = (value as { then?: unknown }).then;
  if (typeof then !== 'function') return value;
  const frame = currentFrame();
  const standIn: StandIn = {
    adopter,
    then(onFulfilled: unknown, onRejected: unknown) {
      const adopter = standIn.adopter;
      const reject = adopter === undefined || typeof onRejected !== 'function' ? onRejected as (reason: unknown) => unknown : (reason: unknown) => {
        recordRejection(adopter);
        return (onRejected as (reason: unknown) => unknown)(reason);
      };
      // A thenable resolved with another thenable: that one's `then` is called in the frame
      // of that resolve call, at every depth.
      const resolve = typeof onFulfilled !== 'function' ? onFulfilled : (settled: unknown) => {
        try {
          settled = keepThenableFrame(settled, adopter);
        } catch (error) {
          // A throwing `then` getter rejects, as the resolve function itself would.
          return reject(error);
        }
        return onFulfilled(settled);
      };
      return runInFrame(frame, then as (...args: unknown[]) => unknown, value, [resolve, reject]);
    },
  };
  return standIn as T;
}
