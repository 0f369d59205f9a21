// The global Promise constructor, so that `new Promise(executor)` carries context too:
// `resolve(thenable)` runs the thenable's `then` in the resolver's frame, `reject(reason)`
// records the rejection's frame, and while hooks are enabled (the `hooks` variant,
// sources.ts) the promise gets its PROMISE resource at construction and promiseResolve when
// resolved, as in Node.
//
// The engine's layer (patch.ts) shares the native prototype, so promises are still native
// (async functions' promises, `instanceof Promise`, `await`'s fast path and subclassing are
// unchanged) and `Promise.prototype.constructor` stays the native one. Its statics treat it
// as an alias of the native constructor: `Promise.resolve(p)` returns a native `p` itself,
// never a wrapper promise that would cost extra ticks.

import { promiseAsyncId } from '../core/promise-ids';
import { emitPromiseResolve } from '../core/hooks';
import { keepThenableFrame, NativePromise } from '../core/thenable';
import { generatorCalls } from '../core/async-generator-body';
import { replaceConstructor, type Construct } from './patch';
import { recordRejection } from '../core/rejection';

type Executor = (resolve: (value: unknown) => void, reject: (reason: unknown) => void) => void;

/** What the hooked variant adds: the promise's id, and its promiseResolve. */
interface PromiseHooks {
  promiseAsyncId(promise: object): number;
  emitPromiseResolve(asyncId: number): void;
}

// The hooked variant's code is passed in (`hooks`), so that the other does not reach it.
function promiseConstructor(NativePromise: Function, hooks?: PromiseHooks): Construct {
  return (newTarget, args) => {
    const executor = args[0] as Executor;
    // Let the native constructor throw its own error.
    if (newTarget === undefined) return Reflect.apply(NativePromise, undefined, args);
    if (typeof executor !== 'function') return Reflect.construct(NativePromise, args, newTarget);
    // Create the promise first and run the executor after, exactly as the native constructor
    // would (a throwing executor rejects), so the promise exists for its init hook and for
    // rejections the executor makes synchronously.
    let resolve!: (value: unknown) => void;
    let reject!: (reason: unknown) => void;
    const promise = Reflect.construct(NativePromise, [(res: typeof resolve, rej: typeof reject) => {
      resolve = res;
      reject = rej;
    }], newTarget) as Promise<unknown>;
    const asyncId = hooks === undefined ? 0 : hooks.promiseAsyncId(promise);
    // V8 reports rejection through the promiseResolve hook too.
    const rejectInFrame = (reason: unknown) => {
      if (asyncId !== 0) hooks!.emitPromiseResolve(asyncId);
      recordRejection(promise);
      reject(reason);
    };
    // Babel's lowered async generators run their body inside the executor of the promise
    // next() returns: counted as a generator call, so the body goes on in the caller's frame.
    generatorCalls.depth++;
    try {
      executor((value) => {
        if (asyncId !== 0) hooks!.emitPromiseResolve(asyncId);
        let settled: unknown;
        try {
          settled = keepThenableFrame(value, promise);
        } catch (error) {
          // A throwing `then` getter rejects the promise, as the native resolve function does.
          reject(error);
          return;
        }
        resolve(settled);
      }, rejectInFrame);
    } catch (error) {
      rejectInFrame(error);
    } finally {
      generatorCalls.depth--;
    }
    return promise;
  };
}

// Only the native constructor (or the engine's layer over it, which shares its prototype): a
// library's own (bluebird, core-js, zone.js loaded first) stays as it is, its `then`
// instrumented (promise-then.ts).
const isNative = (global: typeof globalThis) => (global.Promise as Function | undefined)?.prototype === NativePromise.prototype;

export function installPromiseConstructor(global: typeof globalThis): void {
  if (isNative(global)) replaceConstructor(global, 'Promise', (Native) => promiseConstructor(Native));
}

export function installPromiseConstructorWithHooks(global: typeof globalThis): void {
  if (isNative(global)) replaceConstructor(global, 'Promise', (Native) => promiseConstructor(Native, { promiseAsyncId, emitPromiseResolve }));
}
