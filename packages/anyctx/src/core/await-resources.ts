// Node gives each `await` a promise of its own, whose hooks fire around the continuation
// and whose id is the continuation's executionAsyncId. The engine cannot see that promise,
// so while a hook is enabled the await helpers (async-function.ts) give the await an
// equivalent resource, made here.

import { executionAsyncId, executionResource, newAsyncId, setExecution, triggerAsyncId } from './execution';
import { emitAfter, emitBefore, emitInit } from './hooks';
import { promiseAsyncId } from './promise-ids';
import { NativePromise } from './thenable';
import type { AsyncCall } from './async-call';

/** At the suspension: the resource, triggered by the awaited promise (or the current id). */
export function beginAwaitResource(call: AsyncCall, awaited: unknown): void {
  const trigger = awaited instanceof NativePromise ? promiseAsyncId(awaited) : executionAsyncId;
  const asyncId = newAsyncId();
  const resource = {};
  emitInit(asyncId, 'PROMISE', trigger, resource);
  call.hooked = { asyncId, trigger, resource, savedId: 0, savedTrigger: 0, savedResource: resource };
}

/** At the resumption: the continuation runs as the resource. */
export function enterAwaitResource(call: AsyncCall): void {
  const hooked = call.hooked!;
  hooked.savedId = executionAsyncId;
  hooked.savedTrigger = triggerAsyncId;
  hooked.savedResource = executionResource;
  setExecution(hooked.asyncId, hooked.trigger, hooked.resource);
  emitBefore(hooked.asyncId);
}

/** At the end of the resumed piece. */
export function endAwaitResource(call: AsyncCall): void {
  const hooked = call.hooked!;
  call.hooked = undefined;
  emitAfter(hooked.asyncId);
  setExecution(hooked.savedId, hooked.savedTrigger, hooked.savedResource);
}
