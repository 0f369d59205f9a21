// Running a scheduled callback as the engine owes it: in the frame captured when it was
// scheduled, with its resource's execution ids and before/after hooks where the program has
// async_hooks, and with everything put back afterwards even when it throws.

import { restoreFrame, swapFrame, type Frame } from '../core/frame';
import { executionAsyncId, executionResource, setExecution, triggerAsyncId } from '../core/execution';
import { emitAfter, emitBefore } from '../core/hooks';
import { noteThrow } from './uncaught';

/** Without async_hooks: the frame only. */
export function runInTaskFrame(frame: Frame, fn: Function, thisArg: unknown, args: ArrayLike<unknown>): unknown {
  const previous = swapFrame(frame);
  try {
    // Most callbacks get no arguments: a plain call is cheaper than spreading an empty list.
    return args.length === 0 ? fn.call(thisArg) : Reflect.apply(fn, thisArg, args);
  } catch (error) {
    noteThrow(error);
    throw error;
  } finally {
    restoreFrame(previous);
  }
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
  emitBefore(asyncId);
  try {
    return args.length === 0 ? fn.call(thisArg) : Reflect.apply(fn, thisArg, args);
  } catch (error) {
    noteThrow(error);
    throw error;
  } finally {
    emitAfter(asyncId);
    setExecution(savedId, savedTrigger, savedResource);
    restoreFrame(previous);
  }
}
