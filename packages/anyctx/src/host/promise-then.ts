// Promise.prototype.then (and through it catch, finally, await-free combinators): each
// reaction runs in the frame current when `then` was called.
//
// Two implementations are swapped on Promise.prototype as hooks come and go, so the common
// case pays no per-call "are hooks enabled" check: `thenWithFrames` only carries frames,
// `thenWithHooks` also gives promises async ids (PROMISE resources) and emits their hooks,
// which Node does only while a hook is enabled. Only a program with async_hooks has the
// second (the async_hooks layer passes it in: host/async-hooks.ts).

import { currentFrame, restoreFrame, swapFrame, type Frame } from '../core/frame';
import { newAsyncId } from '../core/execution';
import { promiseAsyncId, setPromiseAsyncId } from '../core/promise-ids';
import { emitInit, emitPromiseResolve, onHooksChange } from '../core/hooks';
import { enabledHooks } from '../core/hook-layer';
import { runCallback } from './callback-scope';
import { recordRejection } from './rejection';
import { keepThenableFrame } from '../core/thenable';

type Reaction = ((value: unknown) => unknown) | null | undefined;
export type Then = (this: Promise<unknown>, onFulfilled?: Reaction, onRejected?: Reaction) => Promise<unknown>;

function react(frame: Frame, callback: (value: unknown) => unknown, value: unknown, derived: Promise<unknown>): unknown {
  const previous = swapFrame(frame);
  try {
    return keepThenableFrame(callback(value));
  } catch (error) {
    recordRejection(derived);
    throw error;
  } finally {
    restoreFrame(previous);
  }
}

/**
 * Instruments `then`; `hooked` (the async_hooks layer's) switches it to the version with
 * hooks whenever a hook is enabled. Returns the function that puts the native one back.
 */
export function installPromiseThen(NativePromise: PromiseConstructor, hooked?: typeof switchWithHooks): () => void {
  const proto = NativePromise.prototype;
  const nativeThen = proto.then as Then;
  const descriptor = Object.getOwnPropertyDescriptor(proto, 'then')!;

  // Each reaction is one small closure over the `then` call's context (frame, callbacks,
  // derived promise): on long chains allocation, not work, is what costs. Each shape of
  // arguments has its own call of the native `then`, with no branch merging before it: V8
  // then knows the receiver is a plain promise and compiles the call inline; a conditional
  // argument (`typeof f === 'function' ? wrap(f) : f`) makes it call the generic builtin.
  const thenWithFrames = {
    then(this: Promise<unknown>, onFulfilled?: Reaction, onRejected?: Reaction) {
      const frame = currentFrame();
      let derived: Promise<unknown>;
      if (typeof onFulfilled === 'function') {
        if (typeof onRejected !== 'function') {
          return (derived = nativeThen.call(this, (value: unknown) => react(frame, onFulfilled, value, derived), onRejected));
        }
        return (derived = nativeThen.call(this,
          (value: unknown) => react(frame, onFulfilled, value, derived),
          (reason: unknown) => react(frame, onRejected, reason, derived)));
      }
      if (typeof onRejected !== 'function') return nativeThen.call(this, onFulfilled, onRejected);
      return (derived = nativeThen.call(this, onFulfilled, (reason: unknown) => react(frame, onRejected, reason, derived)));
    },
  }.then;

  let active = true;
  const use = (then: Then | undefined) => {
    if (active) Object.defineProperty(proto, 'then', { ...descriptor, value: then ?? thenWithFrames });
  };
  use(undefined);
  hooked?.(nativeThen, use);
  return () => {
    active = false;
    Object.defineProperty(proto, 'then', descriptor);
  };
}

/** Gives `use` the version with hooks while a hook is enabled, undefined while none is. */
export function switchWithHooks(nativeThen: Then, use: (then: Then | undefined) => void): void {
  const thenWithHooks = {
    then(this: Promise<unknown>, onFulfilled?: Reaction, onRejected?: Reaction) {
      const frame = currentFrame();
      const parentId = promiseAsyncId(this);
      const asyncId = newAsyncId();
      let promise: Promise<unknown>;
      // Node's order: before, the callback, promiseResolve of the derived promise (resolved
      // or rejected alike), after.
      const settle = (callback: (value: unknown) => unknown, value: unknown) => {
        try {
          return keepThenableFrame(callback(value));
        } catch (error) {
          recordRejection(promise);
          throw error;
        } finally {
          emitPromiseResolve(asyncId);
        }
      };
      const react = (callback: Reaction) => typeof callback !== 'function' ? callback
        : (value: unknown) => runCallback(frame, asyncId, parentId, promise, settle, undefined, [callback, value]);
      promise = nativeThen.call(this, react(onFulfilled), react(onRejected));
      setPromiseAsyncId(promise, asyncId);
      emitInit(asyncId, 'PROMISE', parentId, promise);
      return promise;
    },
  }.then;
  const select = () => use(enabledHooks > 0 ? thenWithHooks : undefined);
  select();
  onHooksChange(select);
}
