// `asyncctx` on runtimes with node:async_hooks (Node, Deno, Bun): the native classes, and
// AsyncContext built on the native AsyncLocalStorage. Bundlers for other runtimes resolve
// `asyncctx` to the portable entry instead (package.json "exports" conditions).

import { AsyncLocalStorage } from 'node:async_hooks';
import { createAsyncContext } from '../core/async-context';

export {
  AsyncLocalStorage, AsyncResource, createHook, executionAsyncId, triggerAsyncId, executionAsyncResource,
  asyncWrapProviders,
} from 'node:async_hooks';
export type { AsyncHook } from 'node:async_hooks';
export { carryContext } from '../host/web/carry-context';
export const AsyncContext = createAsyncContext(AsyncLocalStorage);
