// `asyncctx/portable`: the portable engine, installed, on any runtime (Node included).

import { AsyncLocalStorage } from '../core/async-local-storage';
import { createAsyncContext } from '../core/async-context';
import { install } from '../host/install';

install();

export { AsyncLocalStorage } from '../core/async-local-storage';
export { AsyncResource } from '../core/async-resource';
export { createHook, AsyncHook } from '../core/hooks';
export { executionAsyncId, triggerAsyncId, executionAsyncResource, asyncWrapProviders } from '../core/public-ids';
export { install, uninstall, isInstalled } from '../host/install';
/** The helpers code rewritten by `asyncctx/transform` calls; not for direct use. */
export { awaitFrames } from '../core/await-frames';
export const AsyncContext = createAsyncContext(AsyncLocalStorage);
