// Promise.prototype.then (and through it catch, finally, await-free combinators): each
// reaction runs in the frame current when `then` was called.
//
// Two variants (sources.ts): `thenWithFrames` only carries frames; `thenWithHooks` also gives
// promises async ids (PROMISE resources) and emits their hooks, which Node does only while a
// hook is enabled. The switch (variant-switch.ts) points the engine's `then` at one or the other as
// hooks come and go, so the common case pays no per-call "are hooks enabled" check; only a
// program with async_hooks has the second.

import { currentFrame, restoreFrame, runInFrame, swapFrame, EMPTY_FRAME, type Frame } from '../core/frame';
import { newAsyncId } from '../core/execution';
import { promiseAsyncId, setPromiseAsyncId } from '../core/promise-ids';
import { emitInit, emitPromiseResolve } from '../core/hooks';
import { NativePromise, keepThenableFrame } from '../core/thenable';
import { enabledHooks } from '../core/hook-layer';
import { runCallback } from './callback-scope';
import { carryZoneMicrotasks } from './microtask';
import { passRejection, recordRejection } from '../core/rejection';
import { define, defineOwn, replaceGatedMethod, replaceMethod, type Gate } from './patch';

type Reaction = ((value: unknown) => unknown) | null | undefined;
type Then = (this: Promise<unknown>, onFulfilled?: Reaction, onRejected?: Reaction) => Promise<unknown>;

function react(frame: Frame, callback: (value: unknown) => unknown, value: unknown, derived: Promise<unknown>): unknown {
  // `then` was called while no hook tracked promises, and one does now: see lateReaction.
  if (enabledHooks > 0) return lateReaction!(frame, callback, value, derived);
  const previous = swapFrame(frame);
  try {
    return keepThenableFrame(callback(value), derived);
  } catch (error) {
    recordRejection(derived);
    throw error;
  } finally {
    restoreFrame(previous);
  }
}

// Each reaction is one small closure over the `then` call's context (frame, callbacks,
// derived promise): on long chains allocation, not work, is what costs. A `then` without a
// rejection handler gets one that passes the rejection on, so that the derived promise is
// rejected in the frame of the `then` call, as in Node. Each shape of
// arguments has its own call of the native `then`, with no branch merging before it: V8
// then knows the receiver is a plain promise and compiles the call inline; a conditional
// argument (`typeof f === 'function' ? wrap(f) : f`) makes it call the generic builtin.
//
// Each variant begins at its gate (patch.ts): on this path a forwarding layer would cost more
// than the variant's own work.
const thenWithFrames = (nativeThen: Then, gate: Gate): Then => ({
  then(this: Promise<unknown>, onFulfilled?: Reaction, onRejected?: Reaction) {
    if (gate.to !== undefined) return gate.to.call(this, onFulfilled, onRejected);
    const frame = currentFrame();
    let derived: Promise<unknown>;
    if (typeof onFulfilled === 'function') {
      if (typeof onRejected !== 'function') {
        return (derived = nativeThen.call(this,
          (value: unknown) => react(frame, onFulfilled, value, derived),
          (reason: unknown) => passRejection(frame, reason, derived)));
      }
      return (derived = nativeThen.call(this,
        (value: unknown) => react(frame, onFulfilled, value, derived),
        (reason: unknown) => react(frame, onRejected, reason, derived)));
    }
    if (typeof onRejected !== 'function') return (derived = nativeThen.call(this, onFulfilled, (reason: unknown) => passRejection(frame, reason, derived)));
    return (derived = nativeThen.call(this, onFulfilled, (reason: unknown) => react(frame, onRejected, reason, derived)));
  },
}.then);

/**
 * A reaction of a promise made while no hook tracked promises, run once one does: as Node,
 * the derived promise gets an id there (no init), and the reaction runs as its resource
 * (trigger 0) between before and after, with promiseResolve before after. Set by the hooks
 * variant: only a program with async_hooks has it, and only it can enable a hook.
 */
let lateReaction: typeof react | undefined;

function reactLate(frame: Frame, callback: (value: unknown) => unknown, value: unknown, derived: Promise<unknown>): unknown {
  const asyncId = newAsyncId();
  setPromiseAsyncId(derived, asyncId, 0);
  return runCallback(frame, asyncId, 0, derived, () => {
    try {
      return keepThenableFrame(callback(value), derived);
    } catch (error) {
      recordRejection(derived);
      throw error;
    } finally {
      emitPromiseResolve(asyncId);
    }
  }, undefined, []);
}

const thenWithHooks = (nativeThen: Then, gate: Gate): Then => ({
  then(this: Promise<unknown>, onFulfilled?: Reaction, onRejected?: Reaction) {
    if (gate.to !== undefined) return gate.to.call(this, onFulfilled, onRejected);
    const frame = currentFrame();
    const parentId = promiseAsyncId(this);
    const asyncId = newAsyncId();
    let promise: Promise<unknown>;
    // Node's order: before, the callback, promiseResolve of the derived promise (resolved
    // or rejected alike), after.
    const settle = (callback: (value: unknown) => unknown, value: unknown) => {
      try {
        return keepThenableFrame(callback(value), promise);
      } catch (error) {
        recordRejection(promise);
        throw error;
      } finally {
        emitPromiseResolve(asyncId);
      }
    };
    const react = (callback: Reaction) => typeof callback !== 'function' ? callback
      : (value: unknown) => runCallback(frame, asyncId, parentId, promise, settle, undefined, [callback, value]);
    promise = nativeThen.call(this, react(onFulfilled),
      typeof onRejected === 'function' ? react(onRejected) : (reason: unknown) => passRejection(frame, reason, promise));
    setPromiseAsyncId(promise, asyncId, parentId);
    emitInit(asyncId, 'PROMISE', parentId, promise);
    return promise;
  },
}.then);

/**
 * The native `then`, and the global Promise's where a library (bluebird, core-js, zone.js
 * loaded first) put its own there: each reaction of either runs in the frame of the `then`
 * call. What such a library schedules by other means (its own queue, drained by a host
 * function it took before the engine) runs in the frame the engine finds there.
 */
function installThen(global: typeof globalThis, variant: typeof thenWithFrames): void {
  const hostThen = NativePromise.prototype.then;
  replaceGatedMethod(NativePromise.prototype, 'then', variant);
  instrumentGlobalThen(global, variant);
  // zone.js loaded after the engine puts its own Promise on the global, and runs its
  // reactions and its other microtasks (queueMicrotask's, …) from one queue, drained by the
  // native `then` it keeps as `__zone_symbol__then`: the engine's, in the frame of whichever
  // flow scheduled the drain. That property is an accessor until zone.js sets it, just after
  // putting its Promise on the global: the drain gets the host's `then` instead (it runs in
  // the frame found between tasks), zone.js's `then` is instrumented in the variant in effect
  // (each reaction runs in its own frame), and so is the method its queue's other microtasks
  // are scheduled through (microtask.ts).
  const prototype = NativePromise.prototype;
  const zoneThen = '__zone_symbol__then';
  if (!(zoneThen in prototype) && Object.isExtensible(prototype)) {
    define(prototype, zoneThen, {
      configurable: true,
      get() {},
      set() {
        defineOwn(prototype, zoneThen, { value: hostThen, writable: true, configurable: true });
        globalPromiseReplaced(global);
        carryZoneMicrotasks(global);
      },
    });
  }
}

/**
 * Instruments the `then` of a Promise put on the global after the engine. Without async_hooks
 * the variant is always `thenWithFrames`; with them, the switch (variant-switch.ts) installs
 * the source's variant in effect again instead, so that the new layer follows the mode.
 */
let globalPromiseReplaced = (global: typeof globalThis): void => instrumentGlobalThen(global, thenWithFrames);

export function onGlobalPromiseReplaced(reinstall: typeof globalPromiseReplaced): void {
  globalPromiseReplaced = reinstall;
}

function instrumentGlobalThen(global: typeof globalThis, variant: typeof thenWithFrames): void {
  const library = global.Promise as { prototype?: object; _async?: object } | undefined;
  const prototype = library?.prototype;
  if (prototype === NativePromise.prototype || prototype == null || !Object.hasOwn(prototype, 'then')) return;
  replaceGatedMethod(prototype, 'then', variant);
  // bluebird runs its own methods' callbacks (`map`, `tap`, `each`, …) from one queue, drained
  // by one callback of its scheduler. Outside Node that is a native promise's `then`, which the
  // engine instruments: the drain would run in the frame of the flow whose call queued it, and
  // each callback in it would see that flow's store. So it runs in the empty frame, as it does
  // where the scheduler is a host function taken before the engine (Node's setImmediate).
  const queue = library!._async;
  if (queue != null && Object.hasOwn(queue, 'drainQueues')) replaceMethod(queue, 'drainQueues', drainInEmptyFrame);
}

const drainInEmptyFrame = (drain: () => void) => function drainQueues(this: unknown) {
  return runInFrame(EMPTY_FRAME, drain, this, arguments);
};

export function installThenWithFrames(global: typeof globalThis): void {
  installThen(global, thenWithFrames);
}

export function installThenWithHooks(global: typeof globalThis): void {
  lateReaction = reactLate;
  installThen(global, thenWithHooks);
}
