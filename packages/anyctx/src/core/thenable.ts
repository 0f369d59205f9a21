// Thenable resolution: when a promise is resolved with (or an `await` is given) a thenable
// that is not a native promise, the engine calls its `then` in a later microtask. That call
// runs in the frame of the code that resolved (Node's rule), so the thenable is handed over
// with a `then` that restores that frame. `then` is read exactly once, as the engine itself
// would read it.

import { currentFrame, runInFrame } from './frame';

/**
 * The native constructor (the one async functions' promises have), taken before the host
 * layer replaces the global one; the replacement shares its prototype, so `instanceof`
 * answers the same for both. Not the global `Promise` itself: a library (bluebird, core-js,
 * zone.js) may have put its own there.
 */
export const NativePromise: PromiseConstructor = (async () => {})().constructor as PromiseConstructor;

export function keepThenableFrame<T>(value: T): T {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function') || value instanceof NativePromise) {
    return value;
  }
  const then = (value as { then?: unknown }).then;
  if (typeof then !== 'function') return value;
  const frame = currentFrame();
  return {
    then(onFulfilled: unknown, onRejected: unknown) {
      // A thenable resolved with another thenable: that one's `then` is called in the frame
      // of that resolve call, at every depth.
      const resolve = typeof onFulfilled !== 'function' ? onFulfilled : (settled: unknown) => {
        try {
          settled = keepThenableFrame(settled);
        } catch (error) {
          // A throwing `then` getter rejects, as the resolve function itself would.
          return (onRejected as (reason: unknown) => unknown)(error);
        }
        return onFulfilled(settled);
      };
      return runInFrame(frame, then as (...args: unknown[]) => unknown, value, [resolve, onRejected]);
    },
  } as T;
}
