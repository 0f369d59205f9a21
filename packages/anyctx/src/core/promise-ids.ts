// Async ids of promises (PROMISE resources), which exist only while a hook is enabled, as in
// Node. A promise the engine did not see being made gets its id, and its init hook, the
// first time it is seen. Where a destroy hook is enabled when a promise gets its id, its
// destroy comes when it is garbage-collected, as Node's does.

import { executionAsyncId, newAsyncId } from './execution';
import { destroyWhenCollected, emitInit, hookCounts } from './hooks';

const promiseIds = new WeakMap<object, number>();

export function promiseAsyncId(promise: object, trigger: number = executionAsyncId): number {
  let asyncId = promiseIds.get(promise);
  if (asyncId === undefined) {
    asyncId = newAsyncId();
    setPromiseAsyncId(promise, asyncId);
    emitInit(asyncId, 'PROMISE', trigger, promise);
  }
  return asyncId;
}

/** Records the id of a promise whose init the caller emits itself. */
export function setPromiseAsyncId(promise: object, asyncId: number): void {
  promiseIds.set(promise, asyncId);
  if (hookCounts.destroy > 0) destroyWhenCollected(promise, asyncId);
}
