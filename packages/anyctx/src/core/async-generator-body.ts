// The runtime half of the await rewrite for async generators: `yield` and the calls that
// resume a generator. A next() (or return()/throw()) resumes a paused generator
// synchronously, in its caller's frame (Node's rule); the host layer (host/async-generator.ts)
// names the generator being called and counts such calls on the stack.

import { context, currentFrame } from './frame';
import { AsyncCall, Phase } from './async-call';
import { endPiece, resume } from './async-function';

/**
 * An async generator's body starts inside its first next() (or return()/throw()) call: the
 * host layer names the generator being called, and what a later return() does to the body's
 * call is filed under it (atReturn below). Both in the context every copy of the engine shares
 * (frame.ts): the layer may be another copy's, which reaches this copy's calls only through
 * the function filed.
 */
export function enterGenerator(): AsyncCall {
  const call = new AsyncCall();
  const generator = context.starting;
  if (generator !== undefined) {
    context.returns.set(generator, () => {
      if (call.phase === Phase.Yielded) call.inner = currentFrame();
    });
    context.starting = undefined;
  }
  return call;
}

/** Around each next()/return()/throw() call (host layer): the generator called; returns the previous. */
export function callingGenerator(generator: object | undefined): object | undefined {
  const previous = context.starting;
  context.starting = generator;
  return previous;
}

/**
 * return() on a generator paused at `yield` resumes it after awaiting the value, from the
 * microtask queue; its finally blocks (and disposals) then run in the frame return() was
 * called in, as Node's do.
 */
export function atReturn(generator: object): void {
  context.returns.get(generator)?.();
}

/**
 * How many calls that resume a paused async generator synchronously are on the stack (host
 * layer): its next()/return()/throw(), and Promise executors, inside which Babel's lowered
 * async generators resume theirs. An object field, so that both host modules count it in
 * place: a module variable would need a function each way, in every bundle. The field of the
 * context every copy of the engine shares (frame.ts): another copy's layers count the calls
 * of this copy's generators.
 */
export const generatorCalls: { depth: number } = context;

/** Before an async generator's `yield` (and `yield*`, and its `return`, which await too). */
export function yielding<T>(call: AsyncCall, value: T): T {
  call.inner = currentFrame();
  if (call.phase === Phase.Resumed) endPiece(call);
  call.phase = Phase.Yielded;
  return value;
}

/**
 * After a `yield` resumes normally. A `next()` call resumes the generator synchronously, in
 * its caller's frame (Node's rule), so it goes on as a synchronous part. A `next()` queued
 * while the generator was busy, or the end of a `yield*`, resumes it later from the
 * microtask queue, where no context is current: it goes on in the frame it yielded in.
 */
export function yielded<T>(call: AsyncCall, value: T): T {
  if (call.phase === Phase.Yielded) {
    if (generatorCalls.depth === 0) resume(call, undefined);
    else call.phase = Phase.Synchronous;
  }
  return value;
}

/**
 * At the start of catch and finally blocks: a rejected await resumes there, and so does an
 * async generator closed or thrown into at a `yield` (after an await of its own). In a
 * function that has no `yield`, resume() does the same.
 */
export function recover(call: AsyncCall): void {
  if (call.phase === Phase.Yielded) yielded(call, undefined);
  else resume(call, undefined);
}
