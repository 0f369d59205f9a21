// queueMicrotask: the callback runs in the frame current when it was queued. Where the
// program has async_hooks (the `ids` variant, sources.ts), as in Node, a Microtask resource (with its own async id) exists
// only when there is a frame to carry or a hook to tell; otherwise the callback runs with the
// ids of the microtask queue (0).

import { currentFrame, EMPTY_FRAME } from '../core/frame';
import { hookCounts } from '../core/hooks';
import { AsyncResource } from '../core/async-resource';
import { defaultTriggerAsyncId } from '../core/execution';
import { replaceGatedMethod } from './patch';
import { inCurrentFrame } from './callback-scope';
import { noteThrow } from './uncaught';

type QueueMicrotask = (callback: Function) => void;

// Set while another wrapper calls its host function: a host that builds that function on
// queueMicrotask (workerd's process.nextTick) queues the wrapper's own callback, which
// carries its frame and ids already; it is no Microtask resource of the user's.
let inHostCall = false;

/** Calls a host function with a wrapper's callback, with the microtasks it queues passed through. */
export function callHost(original: Function, thisArg: unknown, callback: Function, argument: unknown): unknown {
  if (inHostCall) return original.call(thisArg, callback, argument);
  inHostCall = true;
  try {
    return original.call(thisArg, callback, argument);
  } finally {
    inHostCall = false;
  }
}

/** Without async_hooks. */
export function installMicrotask(global: typeof globalThis): void {
  replaceGatedMethod<QueueMicrotask>(global, 'queueMicrotask', (original, gate) => function queueMicrotask(this: unknown, callback: Function) {
    if (gate.to !== undefined) return Reflect.apply(gate.to, this, arguments);
    // Always a scope, even in the empty frame: an enterWith in this callback must not reach
    // the next microtask.
    return Reflect.apply(original, this, [typeof callback !== 'function' || inHostCall ? callback : inCurrentFrame(callback)]);
  });
}

export function installMicrotaskWithHooks(global: typeof globalThis): void {
  replaceGatedMethod<QueueMicrotask>(global, 'queueMicrotask', (original, gate) => function queueMicrotask(this: unknown, callback: Function) {
    if (gate.to !== undefined) return Reflect.apply(gate.to, this, arguments);
    if (typeof callback !== 'function' || inHostCall) return Reflect.apply(original, this, [callback]);
    // No resource, but still a scope, as above.
    if (currentFrame() === EMPTY_FRAME && hookCounts.init === 0) return Reflect.apply(original, this, [inCurrentFrame(callback)]);
    const resource = new AsyncResource('Microtask', { triggerAsyncId: defaultTriggerAsyncId(), requireManualDestroy: true });
    return Reflect.apply(original, this, [function microtask() {
      try {
        resource.runInAsyncScope(callWithThrowFrame, undefined, callback);
      } finally {
        resource.emitDestroy();
      }
    }]);
  });
}

// Inside the resource's scope, so a throw is noted with the callback's frame.
function callWithThrowFrame(callback: Function): void {
  try {
    callback();
  } catch (error) {
    if (__NODE_SOURCES__) noteThrow(error);
    throw error;
  }
}
