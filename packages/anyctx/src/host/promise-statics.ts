// Promise.resolve and Promise.reject, which combinators (all, race, any, allSettled) call
// for each element: a thenable keeps the caller's frame, a rejection records its frame.
// While a hook is enabled (the `hooks` variant, sources.ts) a promise they create already
// settled also gets its init, then its promiseResolve, as Node reports.

import { promiseAsyncId } from '../core/promise-ids';
import { emitPromiseResolve } from '../core/hooks';
import { NativePromise, keepThenableFrame } from '../core/thenable';
import { original, replaceMethod } from './patch';
import { recordRejection } from './rejection';

type Static = (this: unknown, value: unknown) => Promise<unknown>;

function settledWithHooks(promise: Promise<unknown>): void {
  emitPromiseResolve(promiseAsyncId(promise));
}

// `created`: what the variant does with a promise created already settled (the hooked
// variant's code is passed in, so that the other does not reach it).
function install(created?: (promise: Promise<unknown>) => void): void {
  const nativeReject = original<Static>(NativePromise, 'reject');
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
      if (created !== undefined && promise !== value) created(promise);
      return promise;
    },
  }).resolve);
  replaceMethod<Static>(NativePromise, 'reject', (original) => ({
    reject(this: unknown, reason: unknown) {
      const promise = Reflect.apply(original, this, [reason]);
      if (created !== undefined) created(promise);
      recordRejection(promise);
      return promise;
    },
  }).reject);
}

export function installPromiseStatics(): void {
  install();
}

export function installPromiseStaticsWithHooks(): void {
  install(settledWithHooks);
}
