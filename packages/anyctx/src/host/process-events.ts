// Node's process events about errors run in the frame where the error happened:
// 'unhandledRejection' (reason, promise) in the rejection's frame, 'uncaughtException'
// (error) in the frame of the throw. Node emits them through process.emit; Bun calls the
// listeners without it, so there each listener of these events is wrapped instead.

import { runInFrame, type Frame } from '../core/frame';
import { replaceMethod } from './patch';
import { frameOfRejection } from './rejection';
import { frameOfThrow } from './uncaught';

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
type AddListener = (this: unknown, event: string | symbol, listener: (...args: unknown[]) => unknown) => unknown;

/** The frame of an error event whose arguments (after the event's name) begin at `args[first]`. */
function frameOfEvent(event: string | symbol, args: ArrayLike<unknown>, first: number): Frame | undefined {
  if (event === 'unhandledRejection') return frameOfRejection(args[first + 1]);
  if (event === 'uncaughtException') return frameOfThrow(args[first]);
  return undefined;
}

export function installProcessErrorFrames(global: typeof globalThis): void {
  const proc = (global as { process?: object }).process;
  if (proc === undefined || typeof (proc as { emit?: unknown }).emit !== 'function') return;
  if (typeof (global as { Bun?: unknown }).Bun === 'object') return wrapErrorListeners(proc);
  // The call's own arguments passed on: no array spread, which a program that took
  // Array.prototype[Symbol.iterator] away would break.
  replaceMethod<Emit>(proc, 'emit', (original) => function emit(this: unknown, event) {
    const frame = frameOfEvent(event, arguments, 1);
    return frame === undefined ? Reflect.apply(original, this, arguments) : runInFrame(frame, original, this, arguments);
  });
}

// Each listener of these events gets one wrapper (per event), used again when it is added
// again and looked up when it is removed; listeners() shows the originals.
function wrapErrorListeners(proc: object): void {
  const wrappers = { unhandledRejection: new WeakMap<Function, Function>(), uncaughtException: new WeakMap<Function, Function>() };
  const isErrorEvent = (event: unknown): event is keyof typeof wrappers => event === 'unhandledRejection' || event === 'uncaughtException';
  const wrapperOf = (event: keyof typeof wrappers, listener: Function): Function => {
    let wrapper = wrappers[event].get(listener);
    if (wrapper === undefined) {
      wrapper = function (this: unknown, ...args: unknown[]): unknown {
        const frame = frameOfEvent(event, args, 0);
        return frame === undefined ? Reflect.apply(listener, this, args) : runInFrame(frame, listener as () => unknown, this, args);
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
