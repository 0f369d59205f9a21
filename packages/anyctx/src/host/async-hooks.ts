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
import { enabledHooks } from '../core/hook-layer';
import { onHooksChange } from '../core/hooks';
import { switchVariants, useHookedSwitch } from './install';
import { hookedVariants, variantFor } from './sources';
import { asVariantOf } from './variant-switch';
import { withLayerRecords } from './layer-records';

let loaded = false;

/**
 * Loads the async_hooks half, once, and returns `value`. The entries evaluate their exports
 * before they install the engine, so the task sources are installed with ids from the start
 * (loaded later, by a chunk loaded on demand, the switch gives them ids from then on).
 */
export function withAsyncHooks<T>(value: T): T {
  if (loaded) return value;
  loaded = true;
  // What the core's frame half calls in this half (core/hook-layer.ts).
  setHookLayer({
    bind: (fn) => AsyncResource.bind(fn),
    beginAwait: beginAwaitResource,
    enterAwait: enterAwaitResource,
    endAwait: endAwaitResource,
  });
  // What the task sources run in this half's modes (sources.ts).
  // The switch points layers at other variants: it needs their records.
  withLayerRecords(undefined);
  onHooksChange(switchVariants);
  useHookedSwitch({
    variantFor: ({ sourceName, variants }) => variantFor({ ...variants, ...hookedVariants[sourceName as keyof typeof hookedVariants] }, enabledHooks > 0 ? 'hooks' : 'ids'),
    asVariantOf,
  });
  return value;
}
