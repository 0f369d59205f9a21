// AsyncLocalStorage on frames: each instance owns one slot of every frame.

import {
  allocateSlot, currentFrame, CLEARED_FRAME, EMPTY_FRAME, enterFrame, restoreFrame, runInFrame, swapFrame, useCreationValues, valueIn, withValue, UNDEFINED_STORE,
  type Frame,
} from './frame';
import { hookLayer } from './hook-layer';
import { validate } from './errors';

export interface AsyncLocalStorageOptions<T> {
  defaultValue?: T;
  name?: string;
}

// Object.is written out: V8 calls a builtin for Object.is on values of unknown type, and
// run() compares the store on every call.
function sameValue(a: unknown, b: unknown): boolean {
  return a === b ? a !== 0 || 1 / (a as number) === 1 / (b as number) : a !== a && b !== b;
}

/**
 * The end of a run: put back only its storage's entry, so that an enterWith of another
 * storage inside it stays. When nothing changed the frame, the one it replaced is the same
 * thing (CLEARED_FRAME rather than EMPTY_FRAME, see frame.ts).
 */
function leaveRun(slot: number, entered: Frame, previous: Frame): void {
  const now = currentFrame();
  if (now !== entered) restoreFrame(withValue(now, slot, valueIn(previous, slot)));
  else restoreFrame(previous === EMPTY_FRAME ? CLEARED_FRAME : previous);
}

/** What VariableStorage passes its base class: a value no other code can pass. */
const CREATION_RULE = {};

export class AsyncLocalStorage<T = unknown> {
  readonly #slot: number = allocateSlot();
  readonly #defaultValue: T | undefined;
  readonly #name: string;

  constructor(options: AsyncLocalStorageOptions<T> = {}, rule?: unknown) {
    validate(options, 'object', 'options');
    if (rule === CREATION_RULE) useCreationValues(this.#slot);
    this.#defaultValue = options.defaultValue;
    this.#name = options.name === undefined ? '' : `${options.name}`;
  }

  get name(): string {
    return this.#name;
  }

  getStore(): T | undefined {
    // #storeIn written out, the array's slot read here: the hot path, about 5% faster.
    const frame = currentFrame();
    const slot = this.#slot;
    const value = slot < frame.length ? frame[slot] : valueIn(frame, slot);
    if (value === undefined) return this.#defaultValue;
    return value === UNDEFINED_STORE ? undefined : (value as T);
  }

  run<R, Args extends unknown[]>(store: T | undefined, fn: (...args: Args) => R, ...args: Args): R;
  run(store: unknown, fn: Function): unknown {
    // Extra arguments are read from `arguments` only when present: a rest parameter would
    // allocate an array on every call of this hot path, and the rarer shape is kept out of
    // it so that it stays small enough for V8 to inline.
    if (arguments.length > 2) return this.#runWith(store, fn, Array.prototype.slice.call(arguments, 2));
    // Node calls fn with Reflect.apply: what is no function gets V8's TypeError for that.
    if (typeof fn !== 'function') return Reflect.apply(fn, null, []);
    const slot = this.#slot;
    const previous = currentFrame();
    // Node does not switch frames when the store would not change.
    if (sameValue(store, this.#storeIn(previous))) return fn.call(null);
    const entered = withValue(previous, slot, store === undefined ? UNDEFINED_STORE : store);
    swapFrame(entered);
    try {
      // `this` is null, as in Node.
      return fn.call(null);
    } finally {
      leaveRun(slot, entered, previous);
    }
  }

  #runWith(store: unknown, fn: Function, args: unknown[]): unknown {
    return this.run(store as T, () => Reflect.apply(fn, null, args));
  }

  /** The store `frame` holds for this storage, as getStore() would return it. */
  #storeIn(frame: Frame): T | undefined {
    const value = valueIn(frame, this.#slot);
    if (value === undefined) return this.#defaultValue;
    return value === UNDEFINED_STORE ? undefined : (value as T);
  }

  exit<R, Args extends unknown[]>(fn: (...args: Args) => R, ...args: Args): R {
    return this.run(undefined, fn, ...args);
  }

  enterWith(store: T): void {
    enterFrame(withValue(currentFrame(), this.#slot, store === undefined ? UNDEFINED_STORE : store));
  }

  /**
   * Clears this storage's entry in the current frame, for every context holding that frame,
   * and makes current a copy of it (see sameFrames).
   */
  disable(): void {
    const frame = currentFrame();
    if (valueIn(frame, this.#slot) === undefined) return;
    const cleared = withValue(frame, this.#slot, undefined);
    let group = sameFrames.get(frame);
    if (group === undefined) sameFrames.set(frame, (group = [frame]));
    for (let i = 0; i < group.length; i++) overwrite(group[i]!, cleared);
    group[group.length] = cleared;
    sameFrames.set(cleared, group);
    restoreFrame(cleared);
  }

  /**
   * Node 24's scope: sets the store as enterWith does until the scope is disposed (`using
   * scope = storage.withScope(store)`), which puts back the store found here.
   */
  withScope(store: T): RunScope<T> {
    return new RunScope(this, store);
  }

  static bind<F extends (...args: any[]) => any>(fn: F): F {
    return bind(fn);
  }

  static snapshot(): <R, Args extends unknown[]>(fn: (...args: Args) => R, ...args: Args) => R {
    // Node's parameter name: calling the snapshot with no function says "cb is not a function".
    return bind(<R, Args extends unknown[]>(cb: (...args: Args) => R, ...args: Args): R => cb(...args));
  }
}

/**
 * The storage of an `AsyncContext.Variable` on the portable engine: in a generator's body it
 * holds the value of where the generator was created, in a FinalizationRegistry's cleanup
 * callback that of where the registry was constructed (the proposal's rule, frame.ts's
 * creation rule), where an AsyncLocalStorage keeps Node's.
 */
export class VariableStorage<T = unknown> extends AsyncLocalStorage<T> {
  constructor(options?: AsyncLocalStorageOptions<T>) {
    super(options, CREATION_RULE);
  }
}

/**
 * The frames disable() changed, each with the others that are the same frame to it.
 *
 * disable() clears its entry in the current frame in place, as Node does: every context that
 * holds that frame loses the value. It then makes current a copy, equal to it, so that a
 * run() whose frame it was sees a change and puts back only its own entry (the frame it
 * replaced still has the disabled storage's value); run() itself does no extra work for
 * this. The copy and the frame are still one frame to later disables, which clear every
 * frame of the group: one frame in Node. A group grows by one frame per entry cleared.
 */
const sameFrames = new WeakMap<Frame, Frame[]>();

/** Gives `frame` the entries of `contents`, a frame no longer than it (disable() clears). */
function overwrite(frame: Frame, contents: Frame): void {
  frame.length = contents.length;
  for (let i = 0; i < contents.length; i++) frame[i] = contents[i];
}

/** Symbol.dispose; where the runtime has none, the key TypeScript's and Babel's `using` look for then. */
const DISPOSE: typeof Symbol.dispose = (typeof Symbol.dispose === 'symbol' ? Symbol.dispose : Symbol.for('Symbol.dispose')) as typeof Symbol.dispose;

/**
 * What withScope() returns (Node's RunScope): it sets the store with the storage's own
 * enterWith, and its dispose() (also `[Symbol.dispose]`) puts back, once, what the storage's
 * getStore() returned before.
 */
class RunScope<T> {
  readonly #storage: AsyncLocalStorage<T>;
  readonly #previousStore: T | undefined;
  #disposed = false;

  constructor(storage: AsyncLocalStorage<T>, store: T) {
    this.#storage = storage;
    this.#previousStore = storage.getStore();
    storage.enterWith(store);
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#storage.enterWith(this.#previousStore as T);
  }

  [DISPOSE](): void {
    this.dispose();
  }
}

// Node's bind and snapshot are AsyncResource.bind(fn): so are these where the program has
// async_hooks. Outside the class, whose body then never names it: a bundler would otherwise
// give the class an inner name of its own, which V8's "Class constructor … cannot be
// invoked without 'new'" would show.
function bind<F extends (...args: any[]) => any>(fn: F): F {
  return hookLayer === undefined ? bindToFrame(fn) : hookLayer.bind(fn);
}

/**
 * AsyncResource.bind(fn) without the resource, which only async_hooks could observe (and
 * the deprecated `asyncResource` property, left out with it): the same checks, in the same
 * order, and a function named `bound` with fn's length that calls fn with its own `this`.
 */
function bindToFrame<F extends (...args: any[]) => any>(fn: F): F {
  validate(fn.name || 'bound-anonymous-fn', 'string', 'type');
  validate(fn, 'function', 'fn');
  const frame = currentFrame();
  // The name set, not declared: a minifier would drop it. The descriptors inherit nothing
  // (an Object.prototype.get would make them invalid).
  return Object.defineProperties(function (this: unknown) {
    return runInFrame(frame, fn, this, arguments);
  }, { length: { __proto__: null, value: fn.length } as PropertyDescriptor, name: { __proto__: null, value: 'bound' } as PropertyDescriptor }) as unknown as F;
}
