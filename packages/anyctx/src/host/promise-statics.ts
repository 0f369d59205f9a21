// Promise.resolve and Promise.reject, which combinators (all, race, any, allSettled) call
// for each element: a thenable keeps the caller's frame, a rejection records its frame.
// While a hook is enabled (the `hooks` variant, sources.ts) a promise they create already
// settled also gets its init, then its promiseResolve, as Node reports.

import { promiseAsyncId } from '../core/promise-ids';
import { emitPromiseResolve } from '../core/hooks';
import { NativePromise, keepThenableFrame, type StandIn } from '../core/thenable';
import { replaceMethod } from './patch';
import { recordRejection } from '../core/rejection';

type Static = (this: unknown, value: unknown) => Promise<unknown>;
/** What a variant does with a promise created already settled. */
type Created = ((promise: Promise<unknown>) => void) | undefined;

function settledWithHooks(promise: Promise<unknown>): void {
  emitPromiseResolve(promiseAsyncId(promise));
}

// The host's own reject, read before the engine's layer is on.
const nativeReject = NativePromise.reject;

// One function of each per variant, made once: the switch finds the implementations it made
// before by them (patch.ts). The hooked variant's code is passed in, so that the other does
// not reach it.
const resolving = (created: Created) => (original: Static): Static => ({
    resolve(this: unknown, value: unknown) {
      let settled: unknown;
      try {
        settled = keepThenableFrame(value);
      } catch (error) {
        // A throwing `then` getter gives a rejected promise, not a synchronous throw.
        return Reflect.apply(nativeReject, this, [error]);
      }
      const promise = Reflect.apply(original, this, [settled]);
      // A stand-in's `then` is called in a later job: it learns the promise it resolves here.
      if (settled !== value) (settled as StandIn).adopter = promise;
      if (created !== undefined && promise !== value) created(promise);
      return promise;
    },
  }.resolve);

const rejecting = (created: Created) => (original: Static): Static => ({
  reject(this: unknown, reason: unknown) {
    const promise = Reflect.apply(original, this, [reason]);
    if (created !== undefined) created(promise);
    recordRejection(promise);
    return promise;
  },
}.reject);

const resolveWithFrames = /* @__PURE__ */ resolving(undefined);
const rejectWithFrames = /* @__PURE__ */ rejecting(undefined);
const resolveWithHooks = /* @__PURE__ */ resolving(settledWithHooks);
const rejectWithHooks = /* @__PURE__ */ rejecting(settledWithHooks);

export function installPromiseStatics(): void {
  replaceMethod(NativePromise, 'resolve', resolveWithFrames);
  replaceMethod(NativePromise, 'reject', rejectWithFrames);
}

export function installPromiseStaticsWithHooks(): void {
  replaceMethod(NativePromise, 'resolve', resolveWithHooks);
  replaceMethod(NativePromise, 'reject', rejectWithHooks);
}
