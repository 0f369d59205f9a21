// Async ids of promises (PROMISE resources), which exist only while a hook is enabled, as in
// Node. A promise the engine did not see being made gets its id, and its init hook, the
// first time it is seen. Where a destroy hook is enabled when a promise gets its id, its
// destroy comes when it is garbage-collected, as Node's does.

import { executionAsyncId, newAsyncId } from './execution';
import { destroyWhenCollected, emitInit, hookCounts } from './hooks';

const promiseIds = new WeakMap<object, number>();
/** Each promise's trigger id, beside its id: what an `unhandledRejection` listener sees. */
const promiseTriggers = new WeakMap<object, number>();

export function promiseAsyncId(promise: object, trigger: number = executionAsyncId): number {
  let asyncId = promiseIds.get(promise);
  if (asyncId === undefined) {
    asyncId = newAsyncId();
    setPromiseAsyncId(promise, asyncId, trigger);
    emitInit(asyncId, 'PROMISE', trigger, promise);
  }
  return asyncId;
}

/** Records the id of a promise whose init the caller emits itself. */
export function setPromiseAsyncId(promise: object, asyncId: number, trigger: number): void {
  promiseIds.set(promise, asyncId);
  promiseTriggers.set(promise, trigger);
  if (hookCounts.destroy > 0) destroyWhenCollected(promise, asyncId);
}

/** The id and trigger id of a promise that has an id (one a hook has seen), else undefined. */
export function idsOfPromise(promise: unknown): [asyncId: number, trigger: number] | undefined {
  const asyncId = typeof promise === 'object' && promise !== null ? promiseIds.get(promise) : undefined;
  return asyncId === undefined ? undefined : [asyncId, promiseTriggers.get(promise as object)!];
}
