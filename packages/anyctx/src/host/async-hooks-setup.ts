// What the async_hooks half needs of the host before any task source runs with ids.

import { setDestroyScheduler } from '../core/hooks';
import { setExecution, TOP_LEVEL_RESOURCE } from '../core/execution';
import { underlying } from './layer-records';

export function installAsyncHooksSetup(global: typeof globalThis): void {
  // Destroy callbacks run in a batch after the current callback (on Node in its check
  // phase: the setImmediate source sets that). Through the host's own timer: an
  // instrumented one would make a resource of its own, whose destroy would schedule
  // another flush, forever.
  const nativeSetTimeout = underlying<typeof setTimeout>(global, 'setTimeout').bind(global);
  setDestroyScheduler((flush) => nativeSetTimeout(flush, 0));
  // The top-level execution id lasts for the synchronous main script only.
  underlying<typeof queueMicrotask>(global, 'queueMicrotask').call(global, () => setExecution(0, 0, TOP_LEVEL_RESOURCE));
}
