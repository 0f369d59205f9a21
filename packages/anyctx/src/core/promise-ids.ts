// Async ids of promises (PROMISE resources), which exist only while a hook is enabled, as in
// Node. A promise the engine did not see being made gets its id, and its init hook, the
// first time it is seen.

import { executionAsyncId, newAsyncId } from './execution';
import { emitInit } from './hooks';

const promiseIds = new WeakMap<object, number>();

export function promiseAsyncId(promise: object, trigger: number = executionAsyncId): number {
  let asyncId = promiseIds.get(promise);
  if (asyncId === undefined) {
    asyncId = newAsyncId();
    promiseIds.set(promise, asyncId);
    emitInit(asyncId, 'PROMISE', trigger, promise);
  }
  return asyncId;
}

/** Records the id of a promise whose init the caller emits itself. */
export function setPromiseAsyncId(promise: object, asyncId: number): void {
  promiseIds.set(promise, asyncId);
}
