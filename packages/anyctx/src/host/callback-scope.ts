// Running a scheduled callback as the engine owes it: in the frame captured when it was
// scheduled, with its resource's execution ids and before/after hooks where the program has
// async_hooks, and with everything put back afterwards even when it throws.

import { currentFrame, restoreFrame, swapFrame, type Frame } from '../core/frame';
import { executionAsyncId, executionResource, setExecution, triggerAsyncId } from '../core/execution';
import { emitAfter, emitBefore, hookCounts } from '../core/hooks';
import { replaceGatedMethod } from './patch';
import { noteThrow } from './uncaught';

/** Without async_hooks: `callback`, to be called later (with any `this` and arguments) in the current frame. */
export function inCurrentFrame<F extends Function>(callback: F): F {
  const frame = currentFrame();
  return function (this: unknown) {
    const previous = swapFrame(frame);
    try {
      // Most callbacks get no arguments: a plain call is cheaper than spreading an empty list.
      return arguments.length === 0 ? callback.call(this) : Reflect.apply(callback, this, arguments);
    } catch (error) {
      if (__NODE_SOURCES__) noteThrow(error);
      throw error;
    } finally {
      restoreFrame(previous);
    }
  } as unknown as F;
}

type Scheduler = (this: unknown, callback: unknown, ...rest: unknown[]) => unknown;

/**
 * Without async_hooks: replaces `target[key]`, a function taking a callback first (setTimeout,
 * setInterval, requestAnimationFrame, scheduler.postTask…), by one whose callback runs in
 * the caller's frame. What it returns (a handle, an id, a promise) passes through unchanged.
 */
export function scheduleInCallerFrame(target: object, key: string): void {
  replaceGatedMethod<Scheduler>(target, key, (original, gate) => function (this: unknown, callback: unknown) {
    if (gate.to !== undefined) return Reflect.apply(gate.to, this, arguments);
    if (typeof callback !== 'function') return Reflect.apply(original, this, arguments);
    const scheduled = inCurrentFrame(callback);
    // The common shapes without an array (an absent argument must stay absent).
    if (arguments.length === 1) return original.call(this, scheduled);
    if (arguments.length === 2) return original.call(this, scheduled, arguments[1]);
    const args = Array.prototype.slice.call(arguments);
    args[0] = scheduled;
    return Reflect.apply(original, this, args);
  });
}

export function runCallback(
  frame: Frame, asyncId: number, trigger: number, resource: object,
  fn: Function, thisArg: unknown, args: ArrayLike<unknown>,
): unknown {
  const savedId = executionAsyncId;
  const savedTrigger = triggerAsyncId;
  const savedResource = executionResource;
  // Node runs the before/after hooks of a scheduled callback in that callback's frame.
  const previous = swapFrame(frame);
  setExecution(asyncId, trigger, resource);
  // Checked here rather than in emit(): this runs for every callback, and the call is not
  // inlined into it.
  if (hookCounts.before > 0) emitBefore(asyncId);
  try {
    return args.length === 0 ? fn.call(thisArg) : Reflect.apply(fn, thisArg, args);
  } catch (error) {
    if (__NODE_SOURCES__) noteThrow(error);
    throw error;
  } finally {
    if (hookCounts.after > 0) emitAfter(asyncId);
    setExecution(savedId, savedTrigger, savedResource);
    restoreFrame(previous);
  }
}
