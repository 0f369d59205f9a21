// What both portable entries export besides `install` and the await helpers: the engine's API, on
// the frames of src/core. The entries differ only in the task sources they install.

import { AsyncLocalStorage, VariableStorage } from '../core/async-local-storage';
import { createAsyncContext } from '../core/async-context';
import { AsyncResource as Resource } from '../core/async-resource';
import { createHook as newHook, AsyncHook as Hook } from '../core/hooks';
import * as ids from '../core/public-ids';
import { withAsyncHooks } from '../host/async-hooks';
import { asyncWrapProviders } from '../core/async-wrap-providers';
import { uninstall, isInstalled } from '../host/install';
import { carryContext } from '../host/carry-context';
import { withCreationRule } from '../host/creation-rule';

export { AsyncLocalStorage, asyncWrapProviders, uninstall, isInstalled, carryContext };

// Pure, each of them: a bundle that imports none leaves async_hooks out (host/async-hooks.ts).
export const AsyncResource: typeof Resource = /* @__PURE__ */ withAsyncHooks(Resource);
export type AsyncResource = Resource;
export const AsyncHook: typeof Hook = /* @__PURE__ */ withAsyncHooks(Hook);
export type AsyncHook = Hook;
export const createHook: typeof newHook = /* @__PURE__ */ withAsyncHooks(newHook);
export const executionAsyncId: typeof ids.executionAsyncId = /* @__PURE__ */ withAsyncHooks(ids.executionAsyncId);
export const triggerAsyncId: typeof ids.triggerAsyncId = /* @__PURE__ */ withAsyncHooks(ids.triggerAsyncId);
export const executionAsyncResource: typeof ids.executionAsyncResource = /* @__PURE__ */ withAsyncHooks(ids.executionAsyncResource);

// Pure: a bundle that does not use AsyncContext leaves it out, and the sources only its
// Variables need with it.
export const AsyncContext = /* @__PURE__ */ withCreationRule(/* @__PURE__ */ createAsyncContext(VariableStorage));

/**
 * The default export: the API as one object, as Node gives a CommonJS module's exports to a
 * default import (`import anyctx from 'anyctx'` on Node), so that the default import of
 * `node:async_hooks` (`import hooks from 'node:async_hooks'`), resolved here by the bundler
 * plugins, finds Node's names on it. A plain object literal: a bundle that does not import
 * it leaves it out.
 */
export default {
  AsyncLocalStorage, AsyncResource, AsyncHook, createHook, executionAsyncId, triggerAsyncId, executionAsyncResource,
  asyncWrapProviders, AsyncContext, carryContext, uninstall, isInstalled,
};
