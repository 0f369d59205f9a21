// What both portable entries export besides `install` and the await helpers: the engine's API, on
// the frames of src/core. The entries differ only in the task sources they install.

import { AsyncLocalStorage } from '../core/async-local-storage';
import { createAsyncContext } from '../core/async-context';
import { AsyncResource as Resource } from '../core/async-resource';
import { createHook as newHook, AsyncHook as Hook } from '../core/hooks';
import * as ids from '../core/public-ids';
import { withAsyncHooks } from '../host/async-hooks';

export { AsyncLocalStorage } from '../core/async-local-storage';
export { asyncWrapProviders } from '../core/async-wrap-providers';
export { uninstall, isInstalled } from '../host/install';
export { carryContext } from '../host/web/carry-context';

// Pure, each of them: a bundle that imports none leaves async_hooks out (host/async-hooks.ts).
export const AsyncResource: typeof Resource = /* @__PURE__ */ withAsyncHooks(Resource);
export type AsyncResource = Resource;
export const AsyncHook: typeof Hook = /* @__PURE__ */ withAsyncHooks(Hook);
export type AsyncHook = Hook;
export const createHook: typeof newHook = /* @__PURE__ */ withAsyncHooks(newHook);
export const executionAsyncId: typeof ids.executionAsyncId = /* @__PURE__ */ withAsyncHooks(ids.executionAsyncId);
export const triggerAsyncId: typeof ids.triggerAsyncId = /* @__PURE__ */ withAsyncHooks(ids.triggerAsyncId);
export const executionAsyncResource: typeof ids.executionAsyncResource = /* @__PURE__ */ withAsyncHooks(ids.executionAsyncResource);

// Pure: a bundle that does not use AsyncContext leaves it out.
export const AsyncContext = /* @__PURE__ */ createAsyncContext(AsyncLocalStorage);
