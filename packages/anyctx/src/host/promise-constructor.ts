// The global Promise constructor, so that `new Promise(executor)` carries context too:
// `resolve(thenable)` runs the thenable's `then` in the resolver's frame, `reject(reason)`
// records the rejection's frame, and while hooks are enabled the promise gets its PROMISE
// resource at construction and promiseResolve when resolved, as in Node.
//
// The replacement is a plain function sharing the native prototype, so promises are still
// native (async functions' promises, `instanceof Promise`, `await`'s fast path and
// subclassing are unchanged) and `Promise.prototype.constructor` stays the native one.
// Its statics treat it as an alias of the native constructor: `Promise.resolve(p)` returns a
// native `p` itself, never a wrapper promise that would cost extra ticks.

import { enabledHooks, hookLayer } from '../core/hook-layer';
import { copyOwnProperties, replaceValue } from './patch';
import { recordRejection } from './rejection';
import { keepThenableFrame } from '../core/thenable';
import { generatorCalls } from '../core/async-generator-body';

type Executor = (resolve: (value: unknown) => void, reject: (reason: unknown) => void) => void;

export function installPromiseConstructor(global: typeof globalThis): void {
  const NativePromise = global.Promise;

  const Promise = function Promise(this: unknown, executor: Executor) {
    if (new.target === undefined || typeof executor !== 'function') {
      // Let the native constructor throw its own error.
      return new.target === undefined
        ? (NativePromise as unknown as (e: unknown) => never)(executor)
        : Reflect.construct(NativePromise, [executor], new.target);
    }
    // Create the promise first and run the executor after, exactly as the native constructor
    // would (a throwing executor rejects), so the promise exists for its init hook and for
    // rejections the executor makes synchronously.
    let resolve!: (value: unknown) => void;
    let reject!: (reason: unknown) => void;
    const target = new.target === Promise ? NativePromise : new.target;
    const promise = Reflect.construct(NativePromise, [(res: typeof resolve, rej: typeof reject) => {
      resolve = res;
      reject = rej;
    }], target) as Promise<unknown>;
    // While a hook is enabled (and so the async_hooks layer is there).
    const asyncId = enabledHooks > 0 ? hookLayer!.promiseAsyncId(promise) : 0;
    // V8 reports rejection through the promiseResolve hook too.
    const rejectInFrame = (reason: unknown) => {
      if (asyncId !== 0) hookLayer!.emitPromiseResolve(asyncId);
      recordRejection(promise);
      reject(reason);
    };
    // Babel's lowered async generators run their body inside the executor of the promise
    // next() returns: counted as a generator call, so the body goes on in the caller's frame.
    generatorCalls.depth++;
    try {
      executor((value) => {
        if (asyncId !== 0) hookLayer!.emitPromiseResolve(asyncId);
        let settled: unknown;
        try {
          settled = keepThenableFrame(value);
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
  } as unknown as PromiseConstructor;

  // Its name, length, prototype and species getter are the native constructor's own (the
  // bundler may rename the local binding), as are the static methods, replaced below.
  copyOwnProperties(NativePromise, Promise);
  Object.defineProperty(Promise, 'toString', { value: () => NativePromise.toString(), writable: true, configurable: true });
  // Every static method (all, race, resolve, withResolvers, try...), with its name and length.
  // Promise.resolve and Promise.reject are the instrumented ones by now (promise-statics.ts).
  for (const key of Reflect.ownKeys(NativePromise)) {
    const original = Object.getOwnPropertyDescriptor(NativePromise, key)!.value;
    if (typeof original !== 'function') continue;
    const alias = { alias(this: unknown, ...args: unknown[]) { return Reflect.apply(original, this === Promise ? NativePromise : this, args); } }.alias;
    copyOwnProperties(original, alias);
    Object.defineProperty(Promise, key, { value: alias, writable: true, configurable: true });
  }

  replaceValue(global, 'Promise', Promise);
}
