// The async_hooks half of the engine (async ids, execution resources, hook callbacks,
// AsyncResource) is part of a program only if the program can observe it, by importing
// createHook, AsyncHook, executionAsyncId, triggerAsyncId, executionAsyncResource or
// AsyncResource. The core's frame half (bind, the await helpers) reaches it only through this
// slot, which the async_hooks half fills when it is loaded (host/async-hooks.ts), and the
// host's task sources through their variants (host/sources.ts): a bundle that imports none
// of those exports leaves it out, and its engine carries frames only.

import type { AsyncCall } from './async-call';

export interface HookLayer {
  /** AsyncResource.bind(fn), which AsyncLocalStorage.bind and snapshot are in Node. */
  bind<F extends (...args: any[]) => any>(fn: F): F;
  /** The stand-in for the function's own promise, at the call's start (await-resources.ts). */
  beginCall(call: AsyncCall): void;
  /** At the return or throw: the stand-in's promiseResolve, unless it adopts what was returned. */
  endCall(call: AsyncCall): void;
  /** A promise or thenable the function returns, adopted in its stand-in's before/after. */
  returning<T>(call: AsyncCall, value: T): T;
  /**
   * An await's PROMISE resources (`value` as awaited, `awaited` as handed to the host), kept
   * in `call.hooked`, then the suspension (suspendCall): returns what to hand to the host.
   */
  suspendAwait<T>(call: AsyncCall, value: unknown, awaited: T): T;
  enterAwait(call: AsyncCall): void;
  /** Also forgets the resource. */
  endAwait(call: AsyncCall): void;
}

export let hookLayer: HookLayer | undefined;

export function setHookLayer(layer: HookLayer): void {
  hookLayer = layer;
}

/**
 * How many enabled hooks track promises (hooks.ts counts them; a hook made with
 * `trackPromises: false` does not); always 0 without the layer. While there is none, promises
 * get no ids, as in Node. Read per await by the helpers; the host's task sources switch
 * variants instead (host/variant-switch.ts).
 */
export let enabledHooks = 0;

export function setEnabledHooks(count: number): void {
  enabledHooks = count;
}
