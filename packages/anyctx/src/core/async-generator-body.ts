// The runtime half of the await rewrite for async generators: `yield` and the calls that
// resume a generator. A next() (or return()/throw()) resumes a paused generator
// synchronously, in its caller's frame (Node's rule); the host layer (host/async-generator.ts)
// names the generator being called and counts such calls on the stack.

import { context, currentFrame, type Frame } from './frame';
import { AsyncCall, Phase } from './async-call';
import { endPiece, resume } from './async-function';
import { fileCreation } from './generator-creation';

/**
 * An async generator's body starts inside its first next() (or return()/throw()) call: the
 * host layer names the generator being called, and what a later next(), return() or throw()
 * does to the body's call is filed under it (atResume below). Both in the context every copy of the engine shares
 * (frame.ts): the layer may be another copy's, which reaches this copy's calls only through
 * the function filed.
 */
export function enterGenerator(creation?: Frame): AsyncCall {
  const call = new AsyncCall();
  const generator = context.starting;
  if (generator !== undefined) {
    // The frame of the generator function's call, where the rewrite could capture it.
    if (creation !== undefined) fileCreation(generator, creation);
    // Called with 1: the frame a paused body resumes in, changing nothing (see delegatorFrame).
    context.returns.set(generator, (query) => {
      if (call.phase !== Phase.Yielded) return undefined;
      if (query === undefined) call.inner = currentFrame();
      return call.inner;
    });
    context.starting = undefined;
  } else {
    lowered.add(call);
  }
  return call;
}

/**
 * The calls of generators whose body started outside the host layer's next()/return()/
 * throw(): async generators lowered by Babel (whose next() runs the body inside a Promise
 * executor). Their calls are never named (atResume), and a body resumed from the microtask
 * queue is resumed by the helpers' promise reactions, in the frame of the call whose
 * request it serves: it goes on in the current frame.
 */
const lowered = new WeakSet<AsyncCall>();

/** Around each next()/return()/throw() call (host layer): the generator called; returns the previous. */
export function callingGenerator(generator: object | undefined): object | undefined {
  const previous = context.starting;
  context.starting = generator;
  return previous;
}

/**
 * A next(), return() or throw() call on a generator paused at `yield` (or `yield*`): what
 * the generator runs from the microtask queue after it (return() resumes it after awaiting
 * the value; a `yield*` goes on after awaiting its delegate's result) runs in the frame of
 * that call, as Node's does: the latest call's, never an earlier caller's.
 */
export function atResume(generator: object): void {
  context.returns.get(generator)?.();
}

/**
 * The frame for a call of `generator`'s next()/return()/throw() that no generator's call has
 * on the stack: where the body of a generator delegating to it (`yield*`) is paused, the
 * frame that generator's body resumes in (the `yield*` forwards a return() only after
 * awaiting its value, from the microtask queue, where no context is current); else none.
 */
export function delegatorFrame(generator: object): Frame | undefined {
  const delegator = context.delegators.get(generator);
  return delegator === undefined ? undefined : context.returns.get(delegator)?.(1);
}

/**
 * Around each next()/return()/throw() call (host layer): the generator called, innermost;
 * returns the previous. One called while another's call is on the stack was called by that
 * one's body (its `yield*`, or its own code): that one is its delegator from then on.
 */
export function runningGenerator(generator: object): object | undefined {
  const previous = context.running;
  if (previous !== undefined && previous !== generator && context.delegators.get(generator) !== previous) context.delegators.set(generator, previous);
  context.running = generator;
  return previous;
}

/** After the call: puts back what runningGenerator returned. */
export function endRunningGenerator(previous: object | undefined): void {
  context.running = previous;
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
    if (generatorCalls.depth === 0 && !lowered.has(call)) resume(call, undefined);
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
