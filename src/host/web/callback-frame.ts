// Callbacks handed to the platform that run in the frame current when they were handed over.

import { currentFrame, runInFrame } from '../../core/frame';
import { replaceMethod } from '../patch';

export function inCurrentFrame<F extends Function>(callback: F): F {
  const frame = currentFrame();
  return function (this: unknown) {
    return runInFrame(frame, callback as unknown as (...args: unknown[]) => unknown, this, arguments);
  } as unknown as F;
}

/**
 * Replaces `target[key]`, a function taking a callback first (requestAnimationFrame,
 * requestIdleCallback, scheduler.postTask), by one whose callback runs in the caller's frame.
 * Its return value (the id for the cancel function, a promise) passes through unchanged.
 * Skipped where the function is missing.
 */
export function callbackInCallerFrame(target: object | undefined, key: string): void {
  if (target === undefined || target === null) return;
  replaceMethod<Function>(target, key, (original) => function (this: unknown, callback: unknown) {
    if (typeof callback !== 'function') return Reflect.apply(original, this, arguments);
    const args = Array.prototype.slice.call(arguments);
    args[0] = inCurrentFrame(callback);
    return Reflect.apply(original, this, args);
  });
}
