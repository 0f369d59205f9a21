// The TC39 AsyncContext API, built on an AsyncLocalStorage class so it shares that class's
// frames: the portable engine's, or Node's native one.

import type { AsyncLocalStorage as PortableAsyncLocalStorage } from './async-local-storage';

type Fn<Args extends unknown[], R> = (...args: Args) => R;

interface StorageClass {
  new <T>(options?: { defaultValue?: T; name?: string }): Pick<PortableAsyncLocalStorage<T>, 'getStore' | 'run'>;
  snapshot(): <R, Args extends unknown[]>(fn: Fn<Args, R>, ...args: Args) => R;
}

export interface AsyncContextVariableOptions<T> {
  name?: string;
  defaultValue?: T;
}

function requireCallable(fn: unknown): asserts fn is Function {
  if (typeof fn !== 'function') throw new TypeError(`${String(fn)} is not a function`);
}

export function createAsyncContext(Storage: StorageClass) {
  class Variable<T> {
    // Values are boxed, and the default kept here: storages without a defaultValue option
    // (Node 20's) cannot tell "not set" from "set to undefined" otherwise.
    readonly #storage = new Storage<{ value: T }>();
    readonly #defaultValue: T | undefined;
    readonly #name: string;

    constructor(options?: AsyncContextVariableOptions<T>) {
      // As the proposal specifies: options that are not an object are ignored, and a given
      // options object's name is converted with ToString (so `undefined` becomes "undefined").
      const given = options !== null && (typeof options === 'object' || typeof options === 'function');
      this.#name = given ? `${options.name}` : '';
      this.#defaultValue = given ? options.defaultValue : undefined;
    }

    get name(): string {
      return this.#name;
    }

    get(): T | undefined {
      const box = this.#storage.getStore();
      return box === undefined ? this.#defaultValue : box.value;
    }

    run<R, Args extends unknown[]>(value: T, fn: Fn<Args, R>, ...args: Args): R {
      requireCallable(fn);
      return this.#storage.run({ value }, fn, ...args);
    }
  }

  class Snapshot {
    readonly #run = Storage.snapshot();

    run<R, Args extends unknown[]>(fn: Fn<Args, R>, ...args: Args): R {
      requireCallable(fn);
      return this.#run(fn, ...args);
    }

    static wrap<This, Args extends unknown[], R>(fn: (this: This, ...args: Args) => R): (this: This, ...args: Args) => R {
      requireCallable(fn);
      const run = Storage.snapshot();
      return function wrapped(this: This, ...args: Args): R {
        return run(() => Reflect.apply(fn, this, args));
      };
    }
  }

  return Object.freeze({ Variable, Snapshot });
}
