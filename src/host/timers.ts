// setTimeout / setInterval and their clear functions: callbacks run in the frame current at
// scheduling, every tick of an interval starting from that same frame. The handle returned
// is the host's own (Node's Timeout with unref/ref/refresh/Symbol.toPrimitive, or a number).

import { currentFrame } from '../core/frame';
import { defaultTriggerAsyncId, newAsyncId } from '../core/execution';
import { emitDestroy, emitInit, hookCounts } from '../core/hooks';
import { replaceMethod } from './patch';
import { runCallback } from './callback-scope';

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
  // Kept small, with the rare shapes and the hooks in functions of their own, so that V8
  // inlines it together with the host's own scheduler (Node's setTimeout and Timeout).
  // `arguments` is only read by length and index on the common path, so it is never allocated.
  replaceMethod<Scheduler>(target, name, (original) => function (this: unknown, callback: Function) {
    if (typeof callback !== 'function') return Reflect.apply(original, this, arguments);
    const frame = currentFrame();
    const asyncId = newAsyncId();
    const trigger = defaultTriggerAsyncId();
    let handle: unknown;
    const scheduled = function (this: unknown) {
      try {
        // Most timers get no arguments: then `arguments` is not allocated.
        const args = arguments.length === 0 ? NO_ARGUMENTS : arguments;
        return runCallback(frame, asyncId, trigger, handle as object, callback, this, args);
      } finally {
        if (!repeats && hookCounts.destroy > 0) {
          ids.forget(handle);
          emitDestroy(asyncId);
        }
      }
    };
    // An absent argument must stay absent: for setImmediate the second one is the
    // callback's first.
    const count = arguments.length;
    if (count === 1) handle = original.call(this, scheduled);
    else if (count === 2) handle = original.call(this, scheduled, arguments[1]);
    else handle = Reflect.apply(original, this, withFirst(scheduled, arguments));
    if (hookCounts.any > 0) announce(type, handle, asyncId, trigger, ids);
    return handle;
  });
}

const NO_ARGUMENTS: readonly unknown[] = Object.freeze([]);

/** A copy of `args` with its first element replaced. */
function withFirst(first: unknown, args: IArguments): unknown[] {
  const copy = Array.prototype.slice.call(args);
  copy[0] = first;
  return copy;
}

/** The hooks' side of scheduling: the handle's id kept for clear*, and the init hook. */
function announce(type: string, handle: unknown, asyncId: number, trigger: number, ids: HandleIds): void {
  if (hookCounts.destroy > 0) ids.remember(handle, asyncId);
  if (hookCounts.init > 0) {
    emitInit(asyncId, type, trigger, typeof handle === 'object' && handle !== null ? handle : { id: handle });
  }
}

export function instrumentClearer(target: object, name: string, ids: HandleIds): void {
  replaceMethod<Clearer>(target, name, (original) => function (this: unknown, handle: unknown) {
    const asyncId = hookCounts.destroy > 0 ? ids.forget(handle) : undefined;
    if (asyncId !== undefined) emitDestroy(asyncId);
    return Reflect.apply(original, this, [handle]);
  });
}

export function installTimers(global: typeof globalThis): void {
  // One table: clearTimeout and clearInterval each clear either kind of timer.
  const ids = new HandleIds();
  instrumentScheduler(global, 'setTimeout', 'Timeout', false, ids);
  instrumentScheduler(global, 'setInterval', 'Timeout', true, ids);
  instrumentClearer(global, 'clearTimeout', ids);
  instrumentClearer(global, 'clearInterval', ids);
}
