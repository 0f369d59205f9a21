// `anyctx/portable`: the portable engine, installed on import, on any runtime (Node
// included). Written by hand (see api.d.ts).

import {
  AsyncLocalStorage, AsyncResource, AsyncHook, AsyncContext, createHook, executionAsyncId,
  triggerAsyncId, executionAsyncResource, asyncWrapProviders, carryContext,
} from './api.js';
import type { AwaitHelpers, BasicAwaitHelpers } from './protocol.js';

export {
  AsyncLocalStorage, AsyncResource, AsyncHook, AsyncContext, createHook, executionAsyncId,
  triggerAsyncId, executionAsyncResource, asyncWrapProviders, carryContext,
};
export type { AsyncLocalStorageOptions, AsyncResourceOptions, HookCallbacks, CarriedStorage } from './api.js';

/** Installs the engine's instrumentation of the runtime's task sources (promises, timers,
 * events, …). Done on import; again after `uninstall()`; else nothing. */
export declare function install(): void;
/** Removes the engine's instrumentation: callbacks scheduled from then on run without
 * context. A wrapper other code put over the engine's keeps working. */
export declare function uninstall(): void;
/** Whether the engine's instrumentation is installed. */
export declare function isInstalled(): boolean;

/** The helpers code rewritten by `anyctx-build` calls; not for direct use. */
export declare const awaitFrames: AwaitHelpers;
/** The helpers of async functions only (see {@link awaitFrames}); not for direct use. */
export declare const awaitFramesBasic: BasicAwaitHelpers;

/** The API as one object, as `import hooks from 'node:async_hooks'` gives Node's. */
declare const anyctx: {
  AsyncLocalStorage: typeof AsyncLocalStorage;
  AsyncResource: typeof AsyncResource;
  AsyncHook: typeof AsyncHook;
  AsyncContext: typeof AsyncContext;
  createHook: typeof createHook;
  executionAsyncId: typeof executionAsyncId;
  triggerAsyncId: typeof triggerAsyncId;
  executionAsyncResource: typeof executionAsyncResource;
  asyncWrapProviders: typeof asyncWrapProviders;
  carryContext: typeof carryContext;
  uninstall: typeof uninstall;
  isInstalled: typeof isInstalled;
};
export default anyctx;
// Only what is exported above is public (a declaration file exports every declaration otherwise).
export {};
