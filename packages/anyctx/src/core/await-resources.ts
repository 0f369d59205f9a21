// The PROMISE resources of rewritten async functions, while a hook is enabled. Node gives an
// async function call a promise (init before the body runs, triggered by the caller;
// promiseResolve when the body returns or throws), and each `await` one promise it resumes
// on (whose hooks fire around the continuation and whose id is the continuation's
// executionAsyncId, promiseResolve just before its after), triggered by the awaited promise;
// a value that is not a native promise is first wrapped in a promise of its own (triggered by
// the function's), settled at once, or, for a thenable, in a job that calls its `then` as
// that promise. The rewrite cannot reach these promises, so the await helpers
// (async-function.ts) give the call and each await stand-ins made here, with the same hooks
// in the same order.

import { executionAsyncId, executionResource, newAsyncId, setExecution, triggerAsyncId } from './execution';
import { emitAfter, emitBefore, emitInit, emitPromiseResolve } from './hooks';
import { promiseAsyncId } from './promise-ids';
import { NativePromise } from './thenable';
import { suspendCall } from './async-function';
import { currentFrame, runInFrame } from './frame';
import type { AsyncCall, AwaitResource } from './async-call';

type Settle = (value: unknown) => unknown;

function newPromiseResource(trigger: number): { asyncId: number; resource: object } {
  const asyncId = newAsyncId();
  const resource = {};
  emitInit(asyncId, 'PROMISE', trigger, resource);
  return { asyncId, resource };
}

/** Runs `fn` as the promise `asyncId` (trigger `trigger`), between its before and after. */
function runAs<R>(asyncId: number, trigger: number, resource: object, fn: () => R): R {
  const saved: [number, number, object] = [executionAsyncId, triggerAsyncId, executionResource];
  setExecution(asyncId, trigger, resource);
  emitBefore(asyncId);
  try {
    return fn();
  } finally {
    emitAfter(asyncId);
    setExecution(saved[0], saved[1], saved[2]);
  }
}

/**
 * A thenable handed to the host in place of `value` (a native promise or a thenable's
 * stand-in), whose `then`, called by the host in a job, runs as the promise `asyncId`, and
 * which emits `asyncId`'s promiseResolve when `value` settles, before the host's resolve
 * function runs. `then` is called in the frame of the resolve, as natively.
 */
function adoptedAs<T>(value: T, asyncId: number, trigger: number, resource: object): T {
  const frame = currentFrame();
  const settling = (settle: unknown) => typeof settle !== 'function' ? settle : (result: unknown) => {
    emitPromiseResolve(asyncId);
    return (settle as Settle)(result);
  };
  return {
    then(onFulfilled: unknown, onRejected: unknown) {
      return runAs(asyncId, trigger, resource, () =>
        runInFrame(frame, (value as { then: (...args: unknown[]) => unknown }).then, value, [settling(onFulfilled), settling(onRejected)]));
    },
  } as T;
}

/** The PROMISE resource standing in for an async function's (or module body's) promise. */
interface OwnPromise {
  asyncId: number;
  trigger: number;
  resource: object;
  /** It adopts what the function returned: its promiseResolve comes then, not at the return. */
  adopting: boolean;
}

/**
 * The stand-ins for the promises of the calls that entered while a hook was enabled: kept
 * here, not in a field of AsyncCall, which every call would allocate.
 */
const ownPromises = new WeakMap<AsyncCall, OwnPromise>();

export function beginCallResource(call: AsyncCall): void {
  const trigger = executionAsyncId;
  const { asyncId, resource } = newPromiseResource(trigger);
  ownPromises.set(call, { asyncId, trigger, resource, adopting: false });
}

export function endCallResource(call: AsyncCall): void {
  const own = ownPromises.get(call);
  if (own === undefined) return;
  ownPromises.delete(call);
  if (!own.adopting) emitPromiseResolve(own.asyncId);
}

export function returningResource<T>(call: AsyncCall, value: T): T {
  const own = ownPromises.get(call);
  if (own === undefined) return value;
  own.adopting = true;
  return adoptedAs(value, own.asyncId, own.trigger, own.resource);
}

/** At the suspension: the await's resources, then the end of the piece that awaits. */
export function suspendAwaitResource<T>(call: AsyncCall, value: unknown, awaited: T): T {
  let trigger: number;
  if (value instanceof NativePromise) {
    trigger = promiseAsyncId(value);
  } else {
    const wrapperTrigger = ownPromises.get(call)?.asyncId ?? executionAsyncId;
    const wrapper = newPromiseResource(wrapperTrigger);
    trigger = wrapper.asyncId;
    // A thenable settles the wrapper in a later job; anything else, at once.
    if (awaited !== value) awaited = adoptedAs(awaited, wrapper.asyncId, wrapperTrigger, wrapper.resource);
    else emitPromiseResolve(wrapper.asyncId);
  }
  const { asyncId, resource } = newPromiseResource(trigger);
  suspendCall(call);
  call.hooked = { asyncId, trigger, resource, savedId: 0, savedTrigger: 0, savedResource: resource };
  return awaited;
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

/** At the end of the resumed piece: the promise it resumed on is resolved, then its after. */
export function endAwaitResource(call: AsyncCall): void {
  const hooked: AwaitResource = call.hooked!;
  call.hooked = undefined;
  emitPromiseResolve(hooked.asyncId);
  emitAfter(hooked.asyncId);
  setExecution(hooked.savedId, hooked.savedTrigger, hooked.savedResource);
}
