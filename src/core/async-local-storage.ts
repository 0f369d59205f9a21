// AsyncLocalStorage on frames: each instance owns one slot of every frame.

import {
  allocateSlot, currentFrame, CLEARED_FRAME, EMPTY_FRAME, enterFrame, readSlot, restoreFrame, swapFrame, withValue, UNDEFINED_STORE,
} from './frame';
import { AsyncResource } from './async-resource';
import { validateObject } from './errors';

export interface AsyncLocalStorageOptions<T> {
  defaultValue?: T;
  name?: string;
}

export class AsyncLocalStorage<T = unknown> {
  readonly #slot: number = allocateSlot();
  readonly #defaultValue: T | undefined;
  readonly #name: string;

  constructor(options: AsyncLocalStorageOptions<T> = {}) {
    validateObject(options, 'options');
    this.#defaultValue = options.defaultValue;
    this.#name = options.name === undefined ? '' : `${options.name}`;
  }

  get name(): string {
    return this.#name;
  }

  getStore(): T | undefined {
    const value = readSlot(this.#slot);
    if (value === undefined) return this.#defaultValue;
    return value === UNDEFINED_STORE ? undefined : (value as T);
  }

  run<R, Args extends unknown[]>(store: T | undefined, fn: (...args: Args) => R, ...args: Args): R;
  run(store: unknown, fn: Function): unknown {
    // Extra arguments are read from `arguments` only when present: a rest parameter would
    // allocate an array on every call of this hot path.
    const args = arguments.length > 2 ? Array.prototype.slice.call(arguments, 2) : undefined;
    // Node does not switch frames when the store would not change.
    if (Object.is(store, this.getStore())) return args === undefined ? fn.call(null) : Reflect.apply(fn, null, args);
    const slot = this.#slot;
    const previous = currentFrame();
    const entered = withValue(previous, slot, store === undefined ? UNDEFINED_STORE : store);
    swapFrame(entered);
    try {
      // `this` is null, as in Node.
      return args === undefined ? fn.call(null) : Reflect.apply(fn, null, args);
    } finally {
      // Put back only this storage's entry: an enterWith of another storage inside `fn`
      // stays. When nothing changed the frame, the one we replaced is the same thing.
      const now = currentFrame();
      if (now !== entered) restoreFrame(withValue(now, slot, previous[slot]));
      else restoreFrame(previous === EMPTY_FRAME ? CLEARED_FRAME : previous);
    }
  }

  exit<R, Args extends unknown[]>(fn: (...args: Args) => R, ...args: Args): R {
    return this.run(undefined, fn, ...args);
  }

  enterWith(store: T): void {
    enterFrame(withValue(currentFrame(), this.#slot, store === undefined ? UNDEFINED_STORE : store));
  }

  /** Clears this storage's entry in the current frame, for every context holding that frame. */
  disable(): void {
    const frame = currentFrame();
    if (frame[this.#slot] !== undefined) frame[this.#slot] = undefined;
  }

  static bind<F extends (...args: any[]) => any>(fn: F): F {
    return AsyncResource.bind(fn);
  }

  static snapshot(): <R, Args extends unknown[]>(fn: (...args: Args) => R, ...args: Args) => R {
    return AsyncResource.bind(<R, Args extends unknown[]>(fn: (...args: Args) => R, ...args: Args): R => fn(...args));
  }
}
