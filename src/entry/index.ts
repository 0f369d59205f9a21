// `asyncctx` on runtimes with node:async_hooks (Node, Deno, Bun): the native classes, and
// AsyncContext built on the native AsyncLocalStorage. Bundlers for other runtimes resolve
// `asyncctx` to the portable entry instead (package.json "exports" conditions).

import {
  AsyncLocalStorage, AsyncResource, createHook, executionAsyncId, triggerAsyncId, executionAsyncResource,
  asyncWrapProviders,
} from 'node:async_hooks';
import { createAsyncContext } from '../core/async-context';
import { carryContext } from '../host/web/carry-context';

export {
  AsyncLocalStorage, AsyncResource, createHook, executionAsyncId, triggerAsyncId, executionAsyncResource,
  asyncWrapProviders, carryContext,
};
export type { AsyncHook } from 'node:async_hooks';
export const AsyncContext = createAsyncContext(AsyncLocalStorage);

/** The API as one object, as the portable entries' default export (entry/portable-api.ts). */
export default {
  AsyncLocalStorage, AsyncResource, createHook, executionAsyncId, triggerAsyncId, executionAsyncResource,
  asyncWrapProviders, AsyncContext, carryContext,
};
