// The runtime half of the await rewrite for async functions and module bodies: per call, the
// frame to resume with and the frame to put back (an AsyncCall), so that native `await` keeps
// the context without an extra promise or tick.
//
//   async function f() {
//     const $f = enter(); let $v;                  // the synchronous part runs in the
//     try {                                        // caller's frame, untouched
//       const x = ($v = await suspend($f, EXPR), resume($f, $v, $v = void 0));
//       ...                                        // catch/finally blocks start with recover($f)
//     } finally { leave($f); }
//   }
//
// suspend() runs just after EXPR is evaluated and before the engine suspends the function;
// resume() runs first thing when the engine resumes it, from whatever frame the microtask
// queue left current. The awaited value passes through untouched. Async generators add
// yield (async-generator-body.ts), loops their iterators (loop-iterators.ts).

import { currentFrame, notifyUnscopedChange, restoreFrame } from './frame';
import { keepThenableFrame, NativePromise } from './thenable';
import { enabledHooks, hookLayer } from './hook-layer';
import { AsyncCall, Phase } from './async-call';

export function enter(): AsyncCall {
  const call = new AsyncCall();
  if (enabledHooks > 0) hookLayer!.beginCall(call);
  return call;
}

/**
 * Before a suspension: remember the frame to resume with, put back the outer one. An
 * awaited thenable gets its `then` called in the function's frame, as a resolve would.
 */
export function suspend<T>(call: AsyncCall, value: T): T {
  // A native promise (what an async function returns) is awaited as it is, and only an
  // object or a function can be a thenable: anything else skips the check (and its
  // try/catch) entirely.
  const awaited = value instanceof NativePromise || ((typeof value !== 'object' || value === null) && typeof value !== 'function') ? value : standIn(value);
  if (enabledHooks > 0) return hookLayer!.suspendAwait(call, value, awaited);
  suspendCall(call);
  return awaited;
}

/** suspend() without a value: before an await the helpers do not see (a loop's, a disposal's). */
export function suspendCall(call: AsyncCall): void {
  call.inner = currentFrame();
  if (call.phase === Phase.Resumed) endPiece(call);
  call.phase = Phase.Suspended;
}

/** The end of a resumed piece: its await resource's after hook, the outer frame back. */
export function endPiece(call: AsyncCall): void {
  if (call.hooked !== undefined) hookLayer!.endAwait(call);
  restoreFrame(call.outer);
}

/** After a resumption: make the remembered frame current again. */
export function resume<T>(call: AsyncCall, value: T): T {
  if (call.phase === Phase.Suspended || call.phase === Phase.Yielded) {
    call.outer = currentFrame();
    restoreFrame(call.inner);
    call.phase = Phase.Resumed;
    if (call.hooked !== undefined) hookLayer!.enterAwait(call);
  }
  return value;
}

/**
 * A module body's resumed piece ends at its last statement, and a throw skips that: the
 * outer frame is then put back before the next task's code by the same reset an outermost
 * `enterWith` gets.
 */
export function resumeModule<T>(call: AsyncCall, value: T): T {
  if (call.phase === Phase.Suspended) notifyUnscopedChange();
  return resume(call, value);
}

/**
 * What a `return` hands the function's promise (`return resolving(EXPR)`, in every async
 * function, with or without an await), and what suspend() hands an await: the engine calls a
 * thenable's `then` in a later job, and Node calls it in the frame of the resolve (the
 * return, the await), so the thenable goes on with a `then` that restores the frame current
 * here. A throwing `then` getter is read here and thrown again when the engine reads the
 * stand-in's `then`: the promise rejects just when it would natively (at once for a return,
 * after the body ended, so no catch of the body sees it; one tick later for an await).
 */
export function resolving<T>(value: T, call?: AsyncCall): T {
  const settled = standIn(value);
  // Where a hook gave the function's promise a stand-in: it adopts a promise or thenable
  // returned in its own before/after (await-resources.ts).
  return enabledHooks === 0 || call === undefined || settled === value && !(value instanceof NativePromise) ? settled : hookLayer!.returning(call, settled);
}

function standIn<T>(value: T): T {
  try {
    return keepThenableFrame(value);
  } catch (error) {
    return { get then() { throw error; } } as T;
  }
}

/** On return or throw: put back the frame the resumed piece found. */
export function leave(call: AsyncCall): void {
  if (enabledHooks > 0) hookLayer!.endCall(call);
  if (call.phase === Phase.Resumed) endPiece(call);
  call.phase = Phase.Synchronous;
}
