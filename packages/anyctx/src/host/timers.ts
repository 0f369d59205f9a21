// setTimeout / setInterval and their clear functions: callbacks run in the frame current at
// scheduling, every tick of an interval starting from that same frame. The handle returned
// is the host's own (Node's Timeout with unref/ref/refresh/Symbol.toPrimitive, or a number).
// Where the program has async_hooks, each timer is also a Timeout resource (the `ids`
// variant, sources.ts); without, the clear functions need no change.

import { currentFrame } from '../core/frame';
import { defaultTriggerAsyncId, newAsyncId } from '../core/execution';
import { emitDestroy, emitInit, hookCounts } from '../core/hooks';
import { replaceGatedMethod, replaceMethod } from './patch';
import { runCallback, scheduleInCallerFrame } from './callback-scope';

type Scheduler = (this: unknown, callback: Function, ...rest: unknown[]) => unknown;
type Clearer = (this: unknown, handle: unknown) => void;

/**
 * Async ids of live handles, for the clear functions' destroy hooks: object handles (Node's
 * Timeout) in a WeakMap, numeric ones (browsers) in a Map emptied as they end. Kept only
 * while a destroy hook is enabled (the bookkeeping was a quarter of a timer's cost), so
 * clearing a timer created before any destroy hook was enabled emits no destroy; a timer
 * that fires always does.
 */
export class HandleIds {
  readonly #objects = new WeakMap<object, number>();
  readonly #numbers = new Map<unknown, number>();

  remember(handle: unknown, asyncId: number): void {
    if (typeof handle === 'object' && handle !== null) this.#objects.set(handle, asyncId);
    else this.#numbers.set(handle, asyncId);
  }

  /** Forgets a handle and returns its id, if it was live. */
  forget(handle: unknown): number | undefined {
    if (typeof handle === 'object' && handle !== null) {
      const asyncId = this.#objects.get(handle);
      this.#objects.delete(handle);
      return asyncId;
    }
    const asyncId = this.#numbers.get(handle);
    if (asyncId !== undefined) this.#numbers.delete(handle);
    return asyncId;
  }
}

/**
 * Instruments a scheduler whose callback is its first argument and whose handle is the
 * resource (setTimeout, setInterval, setImmediate). `repeats` keeps the resource alive after
 * a run (setInterval): destroy comes from the clear function instead.
 */
export function instrumentScheduler(target: object, name: string, type: string, repeats: boolean, ids: HandleIds): void {
  replaceGatedMethod<Scheduler>(target, name, (original, gate) => function (this: unknown, callback: Function) {
    // `arguments` rather than rest parameters: no arrays allocated on this hot path.
    if (gate.to !== undefined) return Reflect.apply(gate.to, this, arguments);
    if (typeof callback !== 'function') return Reflect.apply(original, this, arguments);
    const frame = currentFrame();
    const asyncId = newAsyncId();
    const trigger = defaultTriggerAsyncId();
    let handle: unknown;
    // The resource hooks and executionAsyncResource() see: the handle, or for a numeric
    // handle (browsers) an object standing for it.
    let resource: object;
    const scheduled = function (this: unknown) {
      try {
        return runCallback(frame, asyncId, trigger, resource, callback, this, arguments);
      } finally {
        if (!repeats && hookCounts.destroy > 0) {
          ids.forget(handle);
          emitDestroy(asyncId);
        }
      }
    };
    // The common shapes without an array (an absent argument must stay absent: for
    // setImmediate the second one is the callback's first).
    if (arguments.length === 1) {
      handle = original.call(this, scheduled);
    } else if (arguments.length === 2) {
      handle = original.call(this, scheduled, arguments[1]);
    } else {
      const args = Array.prototype.slice.call(arguments);
      args[0] = scheduled;
      handle = Reflect.apply(original, this, args);
    }
    resource = typeof handle === 'object' && handle !== null ? handle : { id: handle };
    if (hookCounts.destroy > 0) ids.remember(handle, asyncId);
    if (hookCounts.init > 0) emitInit(asyncId, type, trigger, resource);
    return handle;
  });
}

export function instrumentClearer(target: object, name: string, ids: HandleIds): void {
  replaceMethod<Clearer>(target, name, (original) => function (this: unknown, handle: unknown) {
    const asyncId = hookCounts.destroy > 0 ? ids.forget(handle) : undefined;
    if (asyncId !== undefined) emitDestroy(asyncId);
    return Reflect.apply(original, this, [handle]);
  });
}

// One table for every holder of the timer functions (the global, Node's `timers` module):
// clearTimeout and clearInterval each clear either kind of timer, whichever made it.
const timerIds = /* @__PURE__ */ new HandleIds();

/** Without async_hooks. `holder` is the global, or Node's `timers` module. */
export function installTimers(holder: object): void {
  scheduleInCallerFrame(holder, 'setTimeout');
  scheduleInCallerFrame(holder, 'setInterval');
}

export function installTimersWithHooks(holder: object): void {
  instrumentScheduler(holder, 'setTimeout', 'Timeout', false, timerIds);
  instrumentScheduler(holder, 'setInterval', 'Timeout', true, timerIds);
  instrumentClearer(holder, 'clearTimeout', timerIds);
  instrumentClearer(holder, 'clearInterval', timerIds);
}
