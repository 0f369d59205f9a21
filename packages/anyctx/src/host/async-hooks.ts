// The async_hooks half of the portable engine: async ids for every task, execution
// resources, hook callbacks, AsyncResource. It exists in a program only through the exports
// that expose it (createHook, AsyncHook, executionAsyncId, triggerAsyncId,
// executionAsyncResource, AsyncResource): each is made by a pure call of `withAsyncHooks`
// (entry/portable-api.ts), so a bundle that imports none of them leaves the whole half out,
// and one that imports any has it from its first line on. Ids are then right for tasks
// scheduled before the first createHook call, as in Node.

import { setHookLayer } from '../core/hook-layer';
import { AsyncResource } from '../core/async-resource';
import { beginAwaitResource, endAwaitResource, enterAwaitResource } from '../core/await-resources';
import { promiseAsyncId } from '../core/promise-ids';
import { emitPromiseResolve, setDestroyScheduler } from '../core/hooks';
import { setExecution, TOP_LEVEL_RESOURCE } from '../core/execution';
import { useHookedSources } from './install';
import { switchWithHooks } from './promise-then';
import { installMicrotaskWithHooks } from './microtask';
import { installTimersWithHooks } from './timers';

let loaded = false;

/**
 * Loads the async_hooks half, once, and returns `value`. The entries evaluate their exports
 * before they install the engine, so the host sources are installed in their hooked form.
 */
export function withAsyncHooks<T>(value: T): T {
  if (loaded) return value;
  loaded = true;
  setHookLayer({
    bind: (fn) => AsyncResource.bind(fn),
    beginAwait: beginAwaitResource,
    enterAwait: enterAwaitResource,
    endAwait: endAwaitResource,
    promiseAsyncId,
    emitPromiseResolve,
  });
  useHookedSources({
    prepare(global) {
      // Destroy callbacks run in a batch after the current callback (on Node in its check
      // phase: the setImmediate source sets that). Through the host's own timer: an
      // instrumented one would make a resource of its own, whose destroy would schedule
      // another flush, forever.
      const nativeSetTimeout = global.setTimeout.bind(global);
      setDestroyScheduler((flush) => nativeSetTimeout(flush, 0));
      // The top-level execution id lasts for the synchronous main script only.
      global.queueMicrotask(() => setExecution(0, 0, TOP_LEVEL_RESOURCE));
    },
    promiseThen: switchWithHooks,
    microtask: installMicrotaskWithHooks,
    timers: installTimersWithHooks,
  });
  return value;
}
