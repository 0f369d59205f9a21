// Node's process events about errors run in the frame where the error happened:
// 'unhandledRejection' (reason, promise) in the rejection's frame, 'uncaughtExceptionMonitor'
// and 'uncaughtException' (error) and the uncaught exception capture callback in the frame of
// the throw. Node emits the events through process.emit; Bun calls the listeners without
// it, so there each listener of these events is wrapped instead. With async_hooks (the ids
// variant), an 'unhandledRejection' listener also runs as the rejected promise where it has
// an id: executionAsyncId() is the promise's, triggerAsyncId() its trigger's, as in Node.

import { runInFrame, type Frame } from '../core/frame';
import { executionAsyncId, executionResource, setExecution, triggerAsyncId } from '../core/execution';
import { idsOfPromise } from '../core/promise-ids';
import { replaceMethod } from './patch';
import { frameOfRejection } from '../core/rejection';
import { frameOfThrow } from './uncaught';

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
type AddListener = (this: unknown, event: string | symbol, listener: (...args: unknown[]) => unknown) => unknown;

/** The frame of an error event whose arguments (after the event's name) begin at `args[first]`. */
function frameOfEvent(event: string | symbol, args: ArrayLike<unknown>, first: number): Frame | undefined {
  if (event === 'unhandledRejection') return frameOfRejection(args[first + 1]);
  if (event === 'uncaughtException' || event === 'uncaughtExceptionMonitor') return frameOfThrow(args[first]);
  return undefined;
}

/**
 * Runs an error event's listeners (`fn`: process.emit, or one listener) in `frame`; `promise`
 * is an 'unhandledRejection''s rejected promise.
 */
type RunIn = (frame: Frame, fn: (...args: any[]) => unknown, thisArg: unknown, args: ArrayLike<unknown>, promise: unknown) => unknown;

const inFrame: RunIn = (frame, fn, thisArg, args) => runInFrame(frame, fn, thisArg, args);

/** The ids variant's: also as the rejected promise, where it has an id (Node's pushAsyncContext: no hooks). */
const asRejectedPromise: RunIn = (frame, fn, thisArg, args, promise) => {
  const ids = idsOfPromise(promise);
  if (ids === undefined) return runInFrame(frame, fn, thisArg, args);
  const saved: [number, number, object] = [executionAsyncId, triggerAsyncId, executionResource];
  setExecution(ids[0], ids[1], promise as object);
  try {
    return runInFrame(frame, fn, thisArg, args);
  } finally {
    setExecution(saved[0], saved[1], saved[2]);
  }
};

type CaptureCallback = ((error: unknown) => void) | null;

/** The capture callback runs instead of the 'uncaughtException' listeners: in the same frame. */
const captureInThrowFrame = (original: (this: unknown, callback: CaptureCallback) => void) => function (this: unknown, callback: CaptureCallback) {
  if (typeof callback !== 'function') return Reflect.apply(original, this, arguments);
  return Reflect.apply(original, this, [(error: unknown) => {
    const frame = frameOfThrow(error);
    return frame === undefined ? callback(error) : runInFrame(frame, callback, undefined, [error]);
  }]);
};

// The call's own arguments passed on: no array spread, which a program that took
// Array.prototype[Symbol.iterator] away would break.
const emitIn = (runIn: RunIn) => (original: Emit) => function emit(this: unknown, event: string | symbol) {
  const frame = frameOfEvent(event, arguments, 1);
  if (frame === undefined) return Reflect.apply(original, this, arguments);
  return runIn(frame, original, this, arguments, event === 'unhandledRejection' ? arguments[2] : undefined);
} as Emit;
const emitInFrame = /* @__PURE__ */ emitIn(inFrame);
const emitAsRejectedPromise = /* @__PURE__ */ emitIn(asRejectedPromise);

function installErrorFrames(global: typeof globalThis, runIn: RunIn, makeEmit: (original: Emit) => Emit): void {
  const proc = (global as { process?: object }).process;
  if (proc === undefined || typeof (proc as { emit?: unknown }).emit !== 'function') return;
  replaceMethod(proc, 'setUncaughtExceptionCaptureCallback', captureInThrowFrame);
  if (typeof (global as { Bun?: unknown }).Bun === 'object') return wrapErrorListeners(proc, runIn);
  replaceMethod<Emit>(proc, 'emit', makeEmit);
}

export function installProcessErrorFrames(global: typeof globalThis): void {
  installErrorFrames(global, inFrame, emitInFrame);
}

export function installProcessErrorFramesWithIds(global: typeof globalThis): void {
  installErrorFrames(global, asRejectedPromise, emitAsRejectedPromise);
}

// Each listener of these events gets one wrapper (per event), used again when it is added
// again and looked up when it is removed; listeners() shows the originals.
function wrapErrorListeners(proc: object, runIn: RunIn): void {
  const wrappers = { unhandledRejection: new WeakMap<Function, Function>(), uncaughtException: new WeakMap<Function, Function>(), uncaughtExceptionMonitor: new WeakMap<Function, Function>() };
  const isErrorEvent = (event: unknown): event is keyof typeof wrappers => event === 'unhandledRejection' || event === 'uncaughtException' || event === 'uncaughtExceptionMonitor';
  const wrapperOf = (event: keyof typeof wrappers, listener: Function): Function => {
    let wrapper = wrappers[event].get(listener);
    if (wrapper === undefined) {
      wrapper = function (this: unknown, ...args: unknown[]): unknown {
        const frame = frameOfEvent(event, args, 0);
        if (frame === undefined) return Reflect.apply(listener, this, args);
        return runIn(frame, listener as () => unknown, this, args, event === 'unhandledRejection' ? args[1] : undefined);
      };
      originals.set(wrapper, listener);
      wrappers[event].set(listener, wrapper);
    }
    return wrapper;
  };
  const originals = new WeakMap<Function, Function>();
  for (const method of ['on', 'addListener', 'prependListener', 'once', 'prependOnceListener', 'off', 'removeListener']) {
    replaceMethod<AddListener>(proc, method, (original) => function (this: unknown, event, listener) {
      if (!isErrorEvent(event) || typeof listener !== 'function') return Reflect.apply(original, this, arguments);
      return Reflect.apply(original, this, [event, wrapperOf(event, listener)]);
    });
  }
  for (const method of ['listeners', 'rawListeners']) {
    replaceMethod<(this: unknown, event: unknown) => Function[]>(proc, method, (original) => function (this: unknown, event) {
      const listeners = Reflect.apply(original, this, arguments) as Function[];
      if (!isErrorEvent(event)) return listeners;
      const shown: Function[] = [];
      for (let i = 0; i < listeners.length; i++) shown[i] = originals.get(listeners[i]!) ?? listeners[i]!;
      return shown;
    });
  }
}
