// Promise.resolve and Promise.reject, which combinators (all, race, any, allSettled) call
// for each element: a thenable keeps the caller's frame, a rejection records its frame.

import { enabledHooks, hookLayer } from '../core/hook-layer';
import { replaceMethod } from './patch';
import { recordRejection } from './rejection';
import { keepThenableFrame } from '../core/thenable';

/**
 * A promise created already settled: its init, then its promiseResolve, as Node reports
 * (while a hook is enabled, and so the async_hooks layer is there).
 */
function settledWithHooks(promise: Promise<unknown>): void {
  hookLayer!.emitPromiseResolve(hookLayer!.promiseAsyncId(promise));
}

type Static = (this: unknown, value: unknown) => Promise<unknown>;

export function installPromiseStatics(NativePromise: PromiseConstructor): void {
  const nativeReject = NativePromise.reject;
  replaceMethod<Static>(NativePromise, 'resolve', (original) => ({
    resolve(this: unknown, value: unknown) {
      let settled: unknown;
      try {
        settled = keepThenableFrame(value);
      } catch (error) {
        // A throwing `then` getter gives a rejected promise, not a synchronous throw.
        return Reflect.apply(nativeReject, this, [error]);
      }
      const promise = Reflect.apply(original, this, [settled]);
      if (enabledHooks > 0 && promise !== value) settledWithHooks(promise);
      return promise;
    },
  }).resolve);
  replaceMethod<Static>(NativePromise, 'reject', (original) => ({
    reject(this: unknown, reason: unknown) {
      const promise = Reflect.apply(original, this, [reason]);
      if (enabledHooks > 0) settledWithHooks(promise);
      recordRejection(promise);
      return promise;
    },
  }).reject);
}
