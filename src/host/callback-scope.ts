// Running a scheduled callback as the engine owes it: in the frame captured when it was
// scheduled, with its resource's execution ids and before/after hooks, and with everything
// put back afterwards even when it throws.

import { restoreFrame, swapFrame, type Frame } from '../core/frame';
import { executionAsyncId, executionResource, setExecution, triggerAsyncId } from '../core/execution';
import { emitAfter, emitBefore, hookCounts } from '../core/hooks';
import { noteThrow } from './uncaught';

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
    // Most callbacks get no arguments: a plain call is cheaper than spreading an empty list.
    return args.length === 0 ? fn.call(thisArg) : Reflect.apply(fn, thisArg, args);
  } catch (error) {
    noteThrow(error);
    throw error;
  } finally {
    if (hookCounts.after > 0) emitAfter(asyncId);
    setExecution(savedId, savedTrigger, savedResource);
    restoreFrame(previous);
  }
}
