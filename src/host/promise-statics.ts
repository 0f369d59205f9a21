// Promise.resolve and Promise.reject, which combinators (all, race, any, allSettled) call
// for each element: a thenable keeps the caller's frame, a rejection records its frame.

import { replaceMethod } from './patch';
import { recordRejection } from './rejection';
import { keepThenableFrame } from './thenable';

type Static = (this: unknown, value: unknown) => Promise<unknown>;

export function installPromiseStatics(NativePromise: PromiseConstructor): void {
  replaceMethod<Static>(NativePromise, 'resolve', (original) => ({
    resolve(this: unknown, value: unknown) {
      return Reflect.apply(original, this, [keepThenableFrame(value)]);
    },
  }).resolve);
  replaceMethod<Static>(NativePromise, 'reject', (original) => ({
    reject(this: unknown, reason: unknown) {
      const promise = Reflect.apply(original, this, [reason]);
      recordRejection(promise);
      return promise;
    },
  }).reject);
}
