// The async_hooks half of the portable engine: async ids for every task, execution
// resources, hook callbacks, AsyncResource. It exists in a program only through the exports
// that expose it (createHook, AsyncHook, executionAsyncId, triggerAsyncId,
// executionAsyncResource, AsyncResource): each is made by a pure call of `withAsyncHooks`
// (entry/portable-api.ts), so a bundle that imports none of them leaves the whole half out,
// and one that imports any has it from its first line on. Ids are then right for tasks
// scheduled before the first createHook call, as in Node.

import { setHookLayer } from '../core/hook-layer';
import { AsyncResource } from '../core/async-resource';
import { beginCallResource, endAwaitResource, endCallResource, enterAwaitResource, returningResource, suspendAwaitResource } from '../core/await-resources';
import { AsyncHook, createHook, onHooksChange } from '../core/hooks';
import { executionAsyncId, executionAsyncResource, triggerAsyncId } from '../core/public-ids';
import { asyncHooksOfFirst, useSwitch } from './install';
import { switchVariants } from './variant-switch';
import { withLayerRecords } from './layer-records';

let loaded = false;
/** What withAsyncHooks is given, by the name the entries export it as. */
const api: Record<string, unknown> = { AsyncResource, AsyncHook, createHook, executionAsyncId, triggerAsyncId, executionAsyncResource };

/**
 * Loads the async_hooks half, once, and returns `value`. The entries evaluate their exports
 * before they install the engine (each is one module, evaluated at once), so the switch
 * installs the task sources with ids from the start.
 */
export function withAsyncHooks<T>(value: T): T {
  // A copy that will use the layers of a first copy with async_hooks exports the first's:
  // the ids and hooks its layers keep (install.ts).
  const first = asyncHooksOfFirst();
  if (first !== undefined) return first[Object.keys(api).find((name) => api[name] === value)!] as T;
  if (loaded) return value;
  loaded = true;
  // What the core's frame half calls in this half (core/hook-layer.ts).
  setHookLayer({
    bind: (fn) => AsyncResource.bind(fn),
    beginCall: beginCallResource,
    endCall: endCallResource,
    returning: returningResource,
    suspendAwait: suspendAwaitResource,
    enterAwait: enterAwaitResource,
    endAwait: endAwaitResource,
  });
  // The switch chooses the task sources' variants by mode (variant-switch.ts), pointing
  // layers at other variants: it needs their records.
  withLayerRecords(undefined);
  onHooksChange(switchVariants);
  useSwitch(switchVariants, api);
  return value;
}
