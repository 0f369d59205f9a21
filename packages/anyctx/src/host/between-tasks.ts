// Between tasks no context is current: whatever an outermost `enterWith` set is dropped
// before code the engine cannot see (platform events, uninstrumented callbacks) runs. A
// microtask is enough to keep it from the next task: microtasks only run when the stack is
// empty.
//
// Where the runtime has Node's process.nextTick, a tick too: Node runs the ticks queued
// during a callback of its own I/O (fs, sockets, the HTTP parser) as soon as it returns,
// before the microtasks it queued. So when such a callback resolves a promise and then calls
// `enterWith`, code that awaits the promise without the await transform resumes after the
// reset, in no context rather than in that callback's (which a microtask queued by the
// enterWith, after the promise's reaction, would come too late to prevent).

import { onUnscopedChange, restoreFrame, EMPTY_FRAME } from '../core/frame';
import { onRemove } from './layer-records';
import { presentsAsNode } from './presents-as-node';

type NextTick = (callback: () => void) => void;

export function installBetweenTasks(global: typeof globalThis): void {
  // The host's own queueMicrotask and nextTick (the registry installs this source first):
  // the engine's would run the reset in a scope that undoes it.
  const nativeQueueMicrotask = global.queueMicrotask.bind(global);
  const proc = (global as { process?: { nextTick?: unknown } }).process;
  // Compiled out of the browser build, which has no Node task source (__NODE_SOURCES__).
  const nativeNextTick = __NODE_SOURCES__ && presentsAsNode(global) && typeof proc?.nextTick === 'function'
    ? (proc.nextTick as NextTick).bind(proc) : undefined;
  let resetQueued = false;
  let tickQueued = false;
  const reset = () => {
    resetQueued = false;
    restoreFrame(EMPTY_FRAME);
  };
  const resetAtTick = () => {
    tickQueued = false;
    restoreFrame(EMPTY_FRAME);
  };
  onUnscopedChange(() => {
    if (!resetQueued) {
      resetQueued = true;
      nativeQueueMicrotask(reset);
    }
    if (nativeNextTick !== undefined && !tickQueued) {
      tickQueued = true;
      nativeNextTick(resetAtTick);
    }
  });
  onRemove(() => onUnscopedChange(undefined));
}
