// The current context frame: an immutable map from storage to value.
//
// A frame is an array indexed by each storage's slot number, so reading a store is one
// indexed load, capturing is taking the reference, and setting a value copies a short array.
// Only the first SMALL_SLOTS storages created have a slot in the array: a frame is at most
// that long, and a frame holding values of later storages keeps them at index SMALL_SLOTS, in
// an array of slot and value pairs (the overflow), so that it costs what its values cost
// however many storages a program creates. Arrays are dense, `undefined` where a storage has
// no value, and read only below their length: nothing is read from Array.prototype or
// Object.prototype.
// Frames are never mutated once published, with one exception Node has too:
// `AsyncLocalStorage#disable()` clears its entry in the current frame, so every context
// holding that frame loses the value.

export type Frame = unknown[];

/**
 * Marks a storage explicitly set to `undefined` (`undefined` means "not set": use the default).
 * Without a description: it never leaves the engine (getStore turns it back into undefined).
 * Each copy of the engine has its own: only the storage that wrote a slot reads it.
 */
export const UNDEFINED_STORE: unknown = Symbol();

/**
 * The context: what every copy of the engine in the program (two versions in node_modules, a
 * bundle and a CDN script) shares, so that each copy's storages keep their values through the
 * other's await helpers and task sources. The first copy loaded puts it on the global, under a
 * key that numbers the protocol: this object's fields and the frame layout above (any change
 * to either is a new number). A copy loaded later uses the one under its own protocol's key;
 * one of another protocol has its own (and stops at install: host/install.ts). Every copy
 * reads the fields by name: never in the list of shortened properties (build-options.mjs).
 *
 * The hot paths read `context.current` where they read a module variable before: the object
 * is a constant of the bundle and keeps its shape, so the optimizing compiler loads the field
 * as it loaded the variable.
 */
interface Context {
  current: Frame;
  nextSlot: number;
  /** Set by the installed host (host/between-tasks.ts): what follows an unscoped change. */
  unscoped: (() => void) | undefined;
  // Async generators (async-generator-body.ts): how many calls that resume one synchronously
  // are on the stack, the one whose body is starting, what a call resuming each body does to
  // it (`returns`), the one whose call is innermost on the stack, and which generator's body
  // called each one's methods (its `yield*`, `delegators`).
  depth: number;
  starting: object | undefined;
  readonly returns: WeakMap<object, (query?: 1) => Frame | undefined>;
  running: object | undefined;
  readonly delegators: WeakMap<object, object>;
  readonly empty: Frame;
  readonly cleared: Frame;
  /**
   * The slots of storages that keep the values of where a generator was created in its body,
   * and of where a FinalizationRegistry was constructed in its cleanup callbacks:
   * `AsyncContext.Variable`'s, as the proposal's spec text has it (withCreationValues).
   */
  readonly creationSlots: number[];
  /** Each generator's creation frame (generator-creation.ts), and the sync generator whose body is starting. */
  readonly creations: WeakMap<object, Frame>;
  startingSync: object | undefined;
  /** Set by the installed host: called when the first slot gets the creation rule. */
  creationRuleStarts: (() => void) | undefined;
}

const CONTEXT = Symbol.for('anyctx.context.3');

function sharedContext(): Context {
  const found = (globalThis as any)[CONTEXT] as Context | undefined;
  if (found !== undefined) return found;
  const empty: Frame = [];
  const own: Context = {
    current: empty, nextSlot: 0, unscoped: undefined, depth: 0, starting: undefined, returns: new WeakMap(), running: undefined, delegators: new WeakMap(), empty, cleared: [],
    creationSlots: [], creations: new WeakMap(), startingSync: undefined, creationRuleStarts: undefined,
  };
  // For good (read-only, like the frames it holds); not on a frozen global, which refuses it
  // (and stops the install). The descriptor inherits nothing.
  Reflect.defineProperty(globalThis, CONTEXT, { __proto__: null, value: own } as PropertyDescriptor);
  return own;
}

export const context: Context = /* @__PURE__ */ sharedContext();

/** The frame before any context was ever entered. */
export const EMPTY_FRAME: Frame = context.empty;

/**
 * A frame holding no values that is not EMPTY_FRAME. Node distinguishes "no frame yet" from
 * "a frame whose entries were all put back" (after a `run` at the outer level, queueMicrotask
 * creates a Microtask resource); returning here instead of EMPTY_FRAME keeps that observable
 * difference without allocating. Never mutated: it has no entries to clear.
 */
export const CLEARED_FRAME: Frame = context.cleared;

/** Slots below this index the frame array; the index itself holds the overflow. */
const SMALL_SLOTS = 16;

/** A new storage's slot: never SMALL_SLOTS, which is the overflow's index. */
export function allocateSlot(): number {
  if (context.nextSlot === SMALL_SLOTS) context.nextSlot++;
  return context.nextSlot++;
}

/** Gives `slot` the creation rule (context.creationSlots). */
export function useCreationValues(slot: number): void {
  context.creationSlots.push(slot);
  if (context.creationSlots.length === 1) context.creationRuleStarts?.();
}

/**
 * `frame` with the values `creation` holds for the storages that follow the creation rule
 * (context.creationSlots): `frame` itself where there are none, as in a program without
 * `AsyncContext`, or where they hold the same.
 */
export function withCreationValues(frame: Frame, creation: Frame): Frame {
  const slots = context.creationSlots;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    const value = valueIn(creation, slot);
    if (valueIn(frame, slot) !== value) frame = withValue(frame, slot, value);
  }
  return frame;
}

/** The value `frame` holds for `slot` (as stored: undefined if none, UNDEFINED_STORE…). */
export function valueIn(frame: Frame, slot: number): unknown {
  // A slot of the array is below SMALL_SLOTS, one of the overflow above it.
  return slot < frame.length ? frame[slot] : overflowValue(frame, slot);
}

function overflowValue(frame: Frame, slot: number): unknown {
  if (slot > SMALL_SLOTS && frame.length > SMALL_SLOTS) {
    // Few storages past the first ones have a value in one frame: a scan is enough.
    const pairs = frame[SMALL_SLOTS] as unknown[];
    for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === slot) return pairs[i + 1];
  }
  return undefined;
}

export function currentFrame(): Frame {
  return context.current;
}

/** Makes `frame` current and returns the frame it replaces. */
export function swapFrame(frame: Frame): Frame {
  const previous = context.current;
  context.current = frame;
  return previous;
}

export function restoreFrame(frame: Frame): void {
  context.current = frame;
}

/** A copy of `frame` with `slot` set to `value` (stored as-is, use UNDEFINED_STORE for undefined). */
export function withValue(frame: Frame, slot: number, value: unknown): Frame {
  const length = frame.length;
  // A program with one storage: a literal is the cheapest array to make, and a packed one.
  if (slot === 0 && length <= 1) return [value];
  let size = slot < length ? length : slot + 1;
  let overflow: unknown[] | undefined;
  if (slot > SMALL_SLOTS) {
    // Copied, not changed: other frames hold it. Left out once empty.
    const pairs = length > SMALL_SLOTS ? (frame[SMALL_SLOTS] as unknown[]) : [];
    // Made at its largest size and cut: a growing array would keep more room to spare.
    overflow = new Array(pairs.length + 2);
    let end = 0;
    for (let i = 0; i < pairs.length; i += 2) {
      if (pairs[i] !== slot) {
        overflow[end++] = pairs[i];
        overflow[end++] = pairs[i + 1];
      }
    }
    if (value !== undefined) {
      overflow[end++] = slot;
      overflow[end++] = value;
    }
    overflow.length = end;
    size = overflow.length === 0 ? SMALL_SLOTS : SMALL_SLOTS + 1;
  }
  // A plain copy loop: much faster than Array#slice for the few entries a frame has. Every
  // index gets a value: a hole would read Array.prototype.
  const next: Frame = new Array(size);
  for (let i = 0; i < size; i++) next[i] = i < length ? frame[i] : undefined;
  if (overflow === undefined) next[slot] = value;
  else if (size > SMALL_SLOTS) next[SMALL_SLOTS] = overflow;
  return next;
}

// `enterWith` changes the frame without a scope to restore it. Inside a callback the
// engine restores the frame afterwards; at the outermost level nothing would, and code the
// engine cannot see (platform events, uninstrumented callbacks) would run in that frame.
// The host layer sets this (context.unscoped) to reset the frame to empty before the next
// task's code runs.
export function onUnscopedChange(handler: (() => void) | undefined): void {
  context.unscoped = handler;
}

/** Makes `frame` current with no scope that restores it (`enterWith`). */
export function enterFrame(frame: Frame): void {
  context.current = frame;
  notifyUnscopedChange();
}

export function notifyUnscopedChange(): void {
  const unscoped = context.unscoped;
  if (unscoped !== undefined) unscoped();
}

/** Calls `fn` with `frame` current, restoring the previous frame afterwards. */
export function runInFrame<R>(frame: Frame, fn: (...args: any[]) => R, thisArg: unknown, args: ArrayLike<unknown>): R {
  const previous = context.current;
  context.current = frame;
  try {
    return Reflect.apply(fn, thisArg, args);
  } finally {
    context.current = previous;
  }
}
