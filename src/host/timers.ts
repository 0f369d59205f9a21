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

/** Async ids of live handles, kept only while destroy hooks want them. */
export class HandleIds {
  readonly #ids = new Map<unknown, number>();

  remember(handle: unknown, asyncId: number): void {
    if (hookCounts.destroy > 0) this.#ids.set(primitiveKey(handle), asyncId);
  }

  destroy(handle: unknown): void {
    const key = primitiveKey(handle);
    const asyncId = this.#ids.get(key);
    if (asyncId === undefined) return;
    this.#ids.delete(key);
    emitDestroy(asyncId);
  }
}

// Node's clear functions accept a Timeout or its numeric id (Symbol.toPrimitive).
function primitiveKey(handle: unknown): unknown {
  return handle !== null && typeof handle === 'object' && Symbol.toPrimitive in handle ? +(handle as unknown as number) : handle;
}

/**
 * Instruments a scheduler whose callback is its first argument and whose handle is the
 * resource (setTimeout, setInterval, setImmediate). `repeats` keeps the resource alive after
 * a run (setInterval): destroy comes from the clear function instead.
 */
export function instrumentScheduler(target: object, name: string, type: string, repeats: boolean, ids: HandleIds): void {
  replaceMethod<Scheduler>(target, name, (original) => function (this: unknown, callback: Function, ...rest: unknown[]) {
    if (typeof callback !== 'function') return Reflect.apply(original, this, [callback, ...rest]);
    const frame = currentFrame();
    const asyncId = newAsyncId();
    const trigger = defaultTriggerAsyncId();
    let handle: unknown;
    const scheduled = function (this: unknown, ...args: unknown[]) {
      try {
        return runCallback(frame, asyncId, trigger, handle as object, callback, this, args);
      } finally {
        if (!repeats && hookCounts.destroy > 0) ids.destroy(handle);
      }
    };
    handle = Reflect.apply(original, this, [scheduled, ...rest]);
    if (hookCounts.any > 0) {
      ids.remember(handle, asyncId);
      emitInit(asyncId, type, trigger, typeof handle === 'object' && handle !== null ? handle : { id: handle });
    }
    return handle;
  });
}

export function instrumentClearer(target: object, name: string, ids: HandleIds): void {
  replaceMethod<Clearer>(target, name, (original) => function (this: unknown, handle: unknown) {
    if (hookCounts.destroy > 0) ids.destroy(handle);
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
