// Node's `timers/promises` (setTimeout and setImmediate; `util.promisify(setTimeout)` and
// `util.promisify(setImmediate)` are the same functions): Node makes their promise and their
// timer inside its own code, where the engine sees neither. While a hook is enabled (the
// `hooks` variant, sources.ts), the module's functions make them as Node does, through the
// engine: the promise, a PROMISE resource triggered by the caller, then the Timeout or
// Immediate (node:timers' function, with the engine's layer), whose callback resolves the
// promise with its promiseResolve. Anything else (an argument Node rejects, an abort signal)
// is Node's own function's to handle, as it is without a hook.

import { promiseAsyncId } from '../core/promise-ids';
import { emitPromiseResolve } from '../core/hooks';
import { NativePromise } from '../core/thenable';
import { replaceGatedMethod, type Gate } from './patch';
import { nodeBuiltin, syncBuiltinExports } from './node-builtins';

type Schedule = (callback: (value: unknown) => void, ...args: unknown[]) => { unref?: () => unknown } | undefined;
type TimersPromises = { setTimeout?: Function; setImmediate?: Function };
type Options = { signal?: unknown; ref?: unknown } | undefined;

// node:timers' functions with the engine's layers, as install found them.
let scheduleTimeout: Schedule;
let scheduleImmediate: Schedule;

/** Whether Node's function would make a timer with `options`: an object with no abort signal, or none. */
function plainOptions(options: Options): boolean {
  if (options === undefined) return true;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return false;
  const ref = options.ref;
  return options.signal === undefined && (ref === undefined || typeof ref === 'boolean');
}

/** A promise with its PROMISE resource, resolved by the timer `start` makes. */
function timerPromise(start: (resolve: (value: unknown) => void) => ReturnType<Schedule>, options: Options): Promise<unknown> {
  let resolve!: (value: unknown) => void;
  const promise = new NativePromise<unknown>((res) => {
    resolve = res;
  });
  const asyncId = promiseAsyncId(promise);
  const timer = start((value) => {
    emitPromiseResolve(asyncId);
    resolve(value);
  });
  if (options?.ref === false) timer?.unref?.();
  return promise;
}

// Made once each, so that enabling hooks again gives the same functions (variant-switch.ts).
const makeSetTimeout = (original: Function, gate: Gate) => function setTimeout(this: unknown, delay?: unknown, value?: unknown, options?: Options) {
  if (gate.to !== undefined) return Reflect.apply(gate.to, this, arguments);
  if ((delay !== undefined && typeof delay !== 'number') || !plainOptions(options)) return Reflect.apply(original, this, arguments);
  return timerPromise((resolve) => scheduleTimeout(resolve, delay, value), options);
};

const makeSetImmediate = (original: Function, gate: Gate) => function setImmediate(this: unknown, value?: unknown, options?: Options) {
  if (gate.to !== undefined) return Reflect.apply(gate.to, this, arguments);
  if (!plainOptions(options)) return Reflect.apply(original, this, arguments);
  return timerPromise((resolve) => scheduleImmediate(resolve, value), options);
};

/** After node:timers has its layers (node-timers.ts). */
export function installTimersPromisesWithHooks(global: typeof globalThis): void {
  const module = nodeBuiltin<TimersPromises>(global, 'timers/promises');
  const timers = nodeBuiltin<{ setTimeout?: unknown; setImmediate?: unknown }>(global, 'timers');
  if (typeof module?.setTimeout !== 'function' || typeof module.setImmediate !== 'function') return;
  if (typeof timers?.setTimeout !== 'function' || typeof timers.setImmediate !== 'function') return;
  scheduleTimeout = timers.setTimeout as Schedule;
  scheduleImmediate = timers.setImmediate as Schedule;
  replaceGatedMethod(module, 'setTimeout', makeSetTimeout);
  replaceGatedMethod(module, 'setImmediate', makeSetImmediate);
  syncBuiltinExports(global);
}
