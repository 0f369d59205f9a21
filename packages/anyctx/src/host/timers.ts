// setTimeout / setInterval and their clear functions: callbacks run in the frame current at
// scheduling, every tick of an interval starting from that same frame. The handle returned
// is the host's own (Node's Timeout with unref/ref/refresh/Symbol.toPrimitive, or a number).
// Where the program has async_hooks, each timer is also a Timeout resource (the `ids`
// variant, sources.ts); without, the clear functions need no change.

import { currentFrame, type Frame } from '../core/frame';
import { defaultTriggerAsyncId, executionAsyncId, executionResource, newAsyncId } from '../core/execution';
import { emitDestroy, emitInit, hookCounts } from '../core/hooks';
import { replaceGatedMethod, replaceMethod } from './patch';
import { runCallback, scheduleInCallerFrame } from './callback-scope';

type Scheduler = (this: unknown, callback: Function, ...rest: unknown[]) => unknown;
type Clearer = (this: unknown, handle: unknown) => void;

/**
 * Async ids of live handles, for the clear functions' destroy hooks: object handles (Node's
 * Timeout) in a WeakMap, numeric ones (browsers) in a Map emptied as they end. A timeout's
 * or an immediate's id is kept only while a hook is enabled (the bookkeeping was a quarter
 * of a timer's cost); an interval's always (its runs show its id). Node's handles say
 * themselves whether they are live: clearing one made while no hook was enabled still emits
 * its destroy, with an id no hook could have seen (it never ran).
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
export function instrumentScheduler(
  target: object, name: string, type: string, repeats: boolean, ids: HandleIds,
  // setImmediate's (immediate.ts): a number for each task as it is scheduled, given back before it runs.
  numberTask?: () => number, starting?: (number: number) => void,
): void {
  replaceGatedMethod<Scheduler>(target, name, (original, gate) => function (this: unknown, callback: Function) {
    // `arguments` rather than rest parameters: no arrays allocated on this hot path.
    if (gate.to !== undefined) return Reflect.apply(gate.to, this, arguments);
    if (typeof callback !== 'function') return Reflect.apply(original, this, arguments);
    let frame = currentFrame();
    let asyncId = newAsyncId();
    let trigger = defaultTriggerAsyncId();
    let handle: unknown;
    // The resource hooks and executionAsyncResource() see: the handle, or for a numeric
    // handle (browsers) an object standing for it.
    let resource: object;
    const number = numberTask === undefined ? 0 : numberTask();
    const scheduled = function (this: unknown) {
      if (starting !== undefined) starting(number);
      // Node's refresh() only (node-timers.ts): compiled out of the browser build.
      if (__NODE_SOURCES__ && restartsPending !== 0 && !repeats) {
        const restart = takeRestart(resource);
        if (restart !== undefined) {
          frame = restart[0];
          asyncId = restart[1];
          trigger = restart[2];
        }
      }
      try {
        return runCallback(frame, asyncId, trigger, resource, callback, this, arguments);
      } finally {
        if (!repeats && (hookCounts.destroy > 0 || settledInRun !== undefined)) endRun(handle, resource, asyncId, ids);
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
    if (repeats || hookCounts.init > 0 || hookCounts.destroy > 0) ids.remember(handle, asyncId);
    if (hookCounts.init > 0) emitInit(asyncId, type, trigger, resource);
    return handle;
  });
}

/**
 * The end of a timeout's or an immediate's run: its destroy, unless its callback cleared it
 * (which destroyed it) or refreshed it (armed again, the same resource runs again).
 */
function endRun(handle: unknown, resource: object, asyncId: number, ids: HandleIds): void {
  if (settledInRun === resource) {
    settledInRun = undefined;
    if (rearmedInRun) ids.remember(handle, asyncId);
    return;
  }
  ids.forget(handle);
  emitDestroy(asyncId);
}

export function instrumentClearer(target: object, name: string, ids: HandleIds): void {
  replaceMethod<Clearer>(target, name, (original) => function (this: unknown, handle: unknown) {
    if (__NODE_SOURCES__ && restartsPending !== 0 && typeof handle === 'object' && handle !== null) takeRestart(handle);
    let asyncId = ids.forget(handle);
    const running = executionResource === handle;
    // A live Node handle made while no hook was enabled: its id, if it is running now, or
    // one no hook has seen.
    if (__NODE_SOURCES__ && asyncId === undefined && hookCounts.destroy > 0 && (handle as { _destroyed?: unknown } | null)?._destroyed === false) {
      asyncId = running ? executionAsyncId : newAsyncId();
    }
    if (asyncId !== undefined) {
      emitDestroy(asyncId);
      if (running) {
        settledInRun = handle as object;
        rearmedInRun = false;
      }
    }
    return Reflect.apply(original, this, [handle]);
  });
}

// One table for every holder of the timer functions (the global, Node's `timers` module):
// clearTimeout and clearInterval each clear either kind of timer, whichever made it.
const timerIds = /* @__PURE__ */ new HandleIds();

// Node's refresh() of a timer that has run makes it a new Timeout resource, in the frame of
// the refresh() call (node-timers.ts tells): its next run takes the new frame and ids.
type Restart = [frame: Frame, asyncId: number, trigger: number];
const restarts = /* @__PURE__ */ new WeakMap<object, Restart>();
let restartsPending = 0;
/**
 * A timer whose callback, running now, cleared it (its destroy is emitted) or refreshed it
 * (`rearmedInRun`: it runs again, as the same resource).
 */
let settledInRun: object | undefined;
let rearmedInRun = false;

function takeRestart(handle: object): Restart | undefined {
  const restart = restarts.get(handle);
  if (restart !== undefined) {
    restarts.delete(handle);
    restartsPending--;
  }
  return restart;
}

/**
 * A Node timer was refreshed: `ran`, it had run (or been cleared) and Node restarted it as a
 * new resource; else it was still pending, or is running its callback now.
 */
export function timerRefreshed(handle: object, ran: boolean): void {
  if (!ran) {
    if (executionResource === handle) {
      settledInRun = handle;
      rearmedInRun = true;
    }
    return;
  }
  const asyncId = newAsyncId();
  const trigger = defaultTriggerAsyncId();
  if (!restarts.has(handle)) restartsPending++;
  restarts.set(handle, [currentFrame(), asyncId, trigger]);
  timerIds.remember(handle, asyncId);
  if (hookCounts.init > 0) emitInit(asyncId, 'Timeout', trigger, handle);
}

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
