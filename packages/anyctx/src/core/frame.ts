// The current context frame: an immutable map from storage to value.
//
// A frame is a sparse array indexed by each storage's slot number, so reading a store is one
// indexed load whatever the number of storages, capturing is taking the reference, and
// setting a value copies a short array. Frames are never mutated once published, with one
// exception Node has too: `AsyncLocalStorage#disable()` clears its entry in the current
// frame, so every context holding that frame loses the value.

export type Frame = unknown[];

/**
 * Marks a storage explicitly set to `undefined` (a hole means "not set": use the default).
 * Without a description: it never leaves the engine (getStore turns it back into undefined).
 */
export const UNDEFINED_STORE: unknown = Symbol();

/** The frame before any context was ever entered. */
export const EMPTY_FRAME: Frame = [];

/**
 * A frame holding no values that is not EMPTY_FRAME. Node distinguishes "no frame yet" from
 * "a frame whose entries were all put back" (after a `run` at the outer level, queueMicrotask
 * creates a Microtask resource); returning here instead of EMPTY_FRAME keeps that observable
 * difference without allocating. Never mutated: it has no entries to clear.
 */
export const CLEARED_FRAME: Frame = [];

let current: Frame = EMPTY_FRAME;
let nextSlot = 0;

export function allocateSlot(): number {
  return nextSlot++;
}

export function currentFrame(): Frame {
  return current;
}

/** Makes `frame` current and returns the frame it replaces. */
export function swapFrame(frame: Frame): Frame {
  const previous = current;
  current = frame;
  return previous;
}

export function restoreFrame(frame: Frame): void {
  current = frame;
}

/** A copy of `frame` with `slot` set to `value` (stored as-is, use UNDEFINED_STORE for undefined). */
export function withValue(frame: Frame, slot: number, value: unknown): Frame {
  const length = frame.length;
  // A program with one storage: a literal is the cheapest array to make, and a packed one,
  // which getStore() reads without a hole check.
  if (slot === 0 && length <= 1) return [value];
  // A plain copy loop: much faster than Array#slice for the few entries a frame has.
  const next: Frame = new Array(slot < length ? length : slot + 1);
  for (let i = 0; i < length; i++) next[i] = frame[i];
  next[slot] = value;
  return next;
}

// `enterWith` changes the frame without a scope to restore it. Inside a callback the
// engine restores the frame afterwards; at the outermost level nothing would, and code the
// engine cannot see (platform events, uninstrumented callbacks) would run in that frame.
// The host layer sets this to reset the frame to empty before the next task's code runs.
let afterUnscopedChange: (() => void) | undefined;

export function onUnscopedChange(handler: (() => void) | undefined): void {
  afterUnscopedChange = handler;
}

/** Makes `frame` current with no scope that restores it (`enterWith`). */
export function enterFrame(frame: Frame): void {
  current = frame;
  notifyUnscopedChange();
}

export function notifyUnscopedChange(): void {
  if (afterUnscopedChange !== undefined) afterUnscopedChange();
}

/** Calls `fn` with `frame` current, restoring the previous frame afterwards. */
export function runInFrame<R>(frame: Frame, fn: (...args: any[]) => R, thisArg: unknown, args: ArrayLike<unknown>): R {
  const previous = current;
  current = frame;
  try {
    return Reflect.apply(fn, thisArg, args);
  } finally {
    current = previous;
  }
}
