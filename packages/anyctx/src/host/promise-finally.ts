// Promise.prototype.finally: the native method calls `then` (instrumented) with internal
// reactions, but resolves a thenable returned by the callback itself, through the species
// constructor, where the thenable-frame rule cannot see it. Hand the callback's result over
// as a frame-keeping thenable first.

import { replaceMethod } from './patch';
import { NativePromise, keepThenableFrame } from '../core/thenable';

type Finally = (this: Promise<unknown>, onFinally?: unknown) => Promise<unknown>;

export function installPromiseFinally(): void {
  replaceMethod<Finally>(NativePromise.prototype, 'finally', (original) => ({
    finally(this: Promise<unknown>, onFinally?: unknown) {
      if (typeof onFinally !== 'function') return Reflect.apply(original, this, [onFinally]);
      return Reflect.apply(original, this, [() => keepThenableFrame(onFinally())]);
    },
  }).finally);
}
