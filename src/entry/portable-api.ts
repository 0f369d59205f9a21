// What both portable entries export besides `install`: the engine's API, on the frames of
// src/core. The entries differ only in the task sources they install.

import { AsyncLocalStorage } from '../core/async-local-storage';
import { createAsyncContext } from '../core/async-context';

export { AsyncLocalStorage } from '../core/async-local-storage';
export { AsyncResource } from '../core/async-resource';
export { createHook, AsyncHook } from '../core/hooks';
export { executionAsyncId, triggerAsyncId, executionAsyncResource, asyncWrapProviders } from '../core/public-ids';
export { uninstall, isInstalled } from '../host/install';
export { carryContext } from '../host/web/carry-context';
/** The helpers code rewritten by `asyncctx/transform` calls; not for direct use. */
export { awaitFrames } from '../core/await-frames';
// Pure: a bundle that does not use AsyncContext leaves it out.
export const AsyncContext = /* @__PURE__ */ createAsyncContext(AsyncLocalStorage);
