// `anyctx` on runtimes with node:async_hooks (Node, Deno, Bun): the native classes, and
// AsyncContext built on the native AsyncLocalStorage. Bundlers for other runtimes resolve
// `anyctx` to the portable entry instead (package.json "exports" conditions).

import type * as NodeAsyncHooks from 'node:async_hooks';
import { createAsyncContext } from '../core/async-context';
import { carryContext } from '../host/carry-context';

// Node's module through process.getBuiltinModule (Node 20.16 and 22.3 on, Deno, Bun) rather
// than require(): an app bundled for Node in ESM format (esbuild's) has no `require` for this
// file to call. The entry is built as CommonJS only (Node's `import` condition re-exports
// it), so require() is there for older Nodes.
declare const require: (id: string) => unknown;
const nodeAsyncHooks = (process.getBuiltinModule?.('node:async_hooks') ?? require('node:async_hooks')) as typeof NodeAsyncHooks;
const {
  AsyncLocalStorage, AsyncResource, createHook, executionAsyncId, triggerAsyncId, executionAsyncResource,
  asyncWrapProviders,
} = nodeAsyncHooks;

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
