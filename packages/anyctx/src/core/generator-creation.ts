// The creation rule in generators' bodies (frame.ts: the storages of AsyncContext.Variable):
// the body sees those storages' values of where the generator was created, every other
// storage's of the caller of next() (Node's rule). A generator function runs only its
// parameter list when it is called, so the rewrite captures the frame there:
//
//   function* g(a, ...{ [H.creation]: C = H.capture() }) { H.created(C); … }
//   async function* g(a, ...{ [H.creation]: C = H.capture() }) { const F = H.enterGenerator(C); … }
//
// The rest array has no property of that symbol, so the default runs, at the call. The body's
// first statement files the frame under the generator the host layer is starting; the host
// layers (host/sync-generator.ts, host/async-generator.ts) then run each next()/return()/
// throw() with those values and put the caller's back after it.

import { context, currentFrame, restoreFrame, swapFrame, withCreationValues, type Frame } from './frame';

/** The key of the rest parameter's property the rewrite reads: no array has one. */
export const creation: unique symbol = Symbol('anyctx.creation');

/** The default of the rewrite's rest parameter: the frame of the generator function's call. */
export function capture(): Frame {
  return currentFrame();
}

/** Files `creation` under `generator`, whose body starts now, and runs on with its values. */
export function fileCreation(generator: object, creation: Frame): void {
  context.creations.set(generator, creation);
  if (context.creationSlots.length !== 0) swapFrame(withCreationValues(currentFrame(), creation));
}

/** First thing in a rewritten sync generator's body. */
export function created(creation: Frame): void {
  const generator = context.startingSync;
  // Where the layer is not installed (no AsyncContext.Variable yet) nothing is filed: no
  // value of the frame follows the creation rule.
  if (generator === undefined) return;
  context.startingSync = undefined;
  fileCreation(generator, creation);
}

/**
 * Around a next()/return()/throw() call (the host layers): makes current the caller's frame
 * with the generator's creation values, and returns the caller's frame for leaveBody().
 * Undefined, changing nothing, in a program without Variables.
 */
export function enterBody(generator: object): Frame | undefined {
  if (context.creationSlots.length === 0) return undefined;
  const caller = currentFrame();
  const creation = context.creations.get(generator);
  if (creation !== undefined) swapFrame(withCreationValues(caller, creation));
  return caller;
}

/** After the call: the caller's values of the creation-rule storages back, the rest as the body left them. */
export function leaveBody(caller: Frame | undefined): void {
  if (caller !== undefined) restoreFrame(withCreationValues(currentFrame(), caller));
}
