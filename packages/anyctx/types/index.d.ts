// `anyctx`: Node's own async_hooks classes where the runtime has them (Node, Deno, Bun), the
// portable engine elsewhere, and AsyncContext on either. Written by hand (see api.d.ts).

import {
  AsyncLocalStorage, AsyncResource, AsyncContext, createHook, executionAsyncId, triggerAsyncId,
  executionAsyncResource, asyncWrapProviders, carryContext,
} from './api.js';

export {
  AsyncLocalStorage, AsyncResource, AsyncContext, createHook, executionAsyncId, triggerAsyncId,
  executionAsyncResource, asyncWrapProviders, carryContext,
};
// A type only, as in node:async_hooks: what createHook returns.
export type {
  AsyncHook, AsyncLocalStorageOptions, AsyncResourceOptions, HookCallbacks, CarriedStorage,
} from './api.js';

/** The API as one object, as `import hooks from 'node:async_hooks'` gives it. */
declare const anyctx: {
  AsyncLocalStorage: typeof AsyncLocalStorage;
  AsyncResource: typeof AsyncResource;
  AsyncContext: typeof AsyncContext;
  createHook: typeof createHook;
  executionAsyncId: typeof executionAsyncId;
  triggerAsyncId: typeof triggerAsyncId;
  executionAsyncResource: typeof executionAsyncResource;
  asyncWrapProviders: typeof asyncWrapProviders;
  carryContext: typeof carryContext;
};
export default anyctx;
// Only what is exported above is public (a declaration file exports every declaration otherwise).
export {};
