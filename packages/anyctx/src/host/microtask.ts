// queueMicrotask: the callback runs in the frame current when it was queued. Where the
// program has async_hooks (the `ids` variant, sources.ts), as in Node, a Microtask resource (with its own async id) exists
// only when there is a frame to carry or a hook to tell; otherwise the callback runs with the
// ids of the microtask queue (0).

import { currentFrame, EMPTY_FRAME } from '../core/frame';
import { hookCounts } from '../core/hooks';
import { AsyncResource } from '../core/async-resource';
import { defaultTriggerAsyncId } from '../core/execution';
import { replaceGatedMethod, replaceMethod } from './patch';
import { inCurrentFrame } from './callback-scope';
import { noteThrow } from './uncaught';

type QueueMicrotask = (callback: Function) => void;
type ScheduleMicroTask = (this: unknown, source: unknown, callback: unknown) => unknown;

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

/**
 * zone.js loaded after the engine (promise-then.ts sees it put its Promise on the global) takes
 * queueMicrotask over, with a function of its own that never calls the engine's: it queues the
 * callback, like its Promise reactions and its other microtasks, in its own queue, which one
 * native reaction drains. Each of them is scheduled through `Zone.prototype.scheduleMicroTask`
 * (zone.js's public API): there it is bound to the frame of the call, so queueMicrotask keeps
 * the context (frames only: no Microtask resource, no hooks).
 */
export function carryZoneMicrotasks(global: typeof globalThis): void {
  const zone = (global as { Zone?: { prototype?: object } }).Zone?.prototype;
  if (zone == null || !Object.hasOwn(zone, 'scheduleMicroTask')) return;
  replaceMethod<ScheduleMicroTask>(zone, 'scheduleMicroTask', (original) => function scheduleMicroTask(this: unknown, _source: unknown, callback: unknown) {
    if (typeof callback === 'function') arguments[1] = inCurrentFrame(callback);
    return Reflect.apply(original, this, arguments);
  });
}
