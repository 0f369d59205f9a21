// Between tasks no context is current: whatever an outermost `enterWith` set is dropped
// before code the engine cannot see (platform events, uninstrumented callbacks) runs. A
// microtask is enough: microtasks only run when the stack is empty.

import { onUnscopedChange, restoreFrame, EMPTY_FRAME } from '../core/frame';
import { onRemove } from './layer-records';

export function installBetweenTasks(global: typeof globalThis): void {
  // The host's own queueMicrotask (the registry installs this source first): the engine's
  // would run the reset in a scope that undoes it.
  const nativeQueueMicrotask = global.queueMicrotask.bind(global);
  let resetQueued = false;
  const reset = () => {
    resetQueued = false;
    restoreFrame(EMPTY_FRAME);
  };
  onUnscopedChange(() => {
    if (!resetQueued) {
      resetQueued = true;
      nativeQueueMicrotask(reset);
    }
  });
  onRemove(() => onUnscopedChange(undefined));
}
