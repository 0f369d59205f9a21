// The TC39 AsyncContext API, built on an AsyncLocalStorage class so it shares that class's
// frames: the portable engine's, or Node's native one. Its shape is the proposal's spec text
// (https://tc39.es/proposal-async-context/): property attributes, `Symbol.toStringTag`s,
// `wrap`'s name and length, `this` in callbacks, as test262's AsyncContext tests check them.

import type { AsyncLocalStorage as PortableAsyncLocalStorage } from './async-local-storage';

type Fn<Args extends unknown[], R> = (...args: Args) => R;

interface StorageClass {
  new <T>(options?: { defaultValue?: T; name?: string }): Pick<PortableAsyncLocalStorage<T>, 'getStore' | 'run'>;
  bind<F extends (...args: any[]) => any>(fn: F): F;
}

export interface AsyncContextVariableOptions<T> {
  name?: string;
  defaultValue?: T;
}

const isObject = (value: unknown): value is object => value !== null && (typeof value === 'object' || typeof value === 'function');

function requireCallable(fn: unknown): asserts fn is Function {
  if (typeof fn !== 'function') throw new TypeError(`${String(fn)} is not a function`);
}

/**
 * A property as the spec's built-ins have them: not enumerable, configurable, and writable
 * or not. The descriptor inherits nothing (an Object.prototype.get would make it invalid).
 */
const builtin = (value: unknown, writable?: boolean): PropertyDescriptor => ({ __proto__: null, value, writable, configurable: true }) as PropertyDescriptor;

/**
 * The end of the spec's OrdinaryCreateFromConstructor: a class instance gets
 * %Object.prototype% where `new.target.prototype` is not an object, a built-in its own
 * intrinsic prototype.
 */
function fromConstructor(instance: object, newTarget: Function, intrinsic: Function): void {
  if (!isObject(newTarget.prototype)) Object.setPrototypeOf(instance, intrinsic.prototype);
}

export function createAsyncContext(Storage: StorageClass) {
  class Variable<T> {
    // Values are boxed, and the default kept here: storages without a defaultValue option
    // (Node 20's) cannot tell "not set" from "set to undefined" otherwise.
    readonly #storage = new Storage<{ value: T }>();
    readonly #defaultValue: T | undefined;
    readonly #name: string = '';

    constructor(options?: AsyncContextVariableOptions<T>) {
      // Options that are not an object are ignored; a name is converted with ToString only
      // where the options have one (`{ name: undefined }` is "undefined", `{}` is "").
      if (isObject(options)) {
        if ('name' in options) this.#name = `${options.name}`;
        this.#defaultValue = options.defaultValue;
      }
      fromConstructor(this, new.target, Variable);
    }

    get name(): string {
      return this.#name;
    }

    get(): T | undefined {
      const box = this.#storage.getStore();
      return box === undefined ? this.#defaultValue : box.value;
    }

    run<R, Args extends unknown[]>(value: T, fn: Fn<Args, R>, ...args: Args): R {
      // `this` undefined, as the spec calls it (AsyncLocalStorage#run gives null, as Node
      // does). What is not callable throws Reflect.apply's TypeError, inside the run.
      return this.#storage.run({ value }, () => Reflect.apply(fn, undefined, args));
    }
  }

  /**
   * Calls a function in the frame current now, later: the storage's bind of an applier that
   * takes the arguments as a list (a spread would need Array.prototype[Symbol.iterator], which
   * the spec's Call does not).
   */
  const snapshot = () => Storage.bind((fn: Function, thisArg: unknown, args: ArrayLike<unknown>): unknown => Reflect.apply(fn, thisArg, args));

  class Snapshot {
    readonly #run = snapshot();

    constructor() {
      fromConstructor(this, new.target, Snapshot);
    }

    run<R, Args extends unknown[]>(fn: Fn<Args, R>, ..._args: Args): R;
    run(fn: unknown): unknown {
      // What is not callable throws Reflect.apply's TypeError, as the spec's Call.
      return this.#run(fn as Function, undefined, Array.prototype.slice.call(arguments, 1));
    }

    static wrap<This, Args extends unknown[], R>(fn: (this: This, ...args: Args) => R): (this: This, ...args: Args) => R {
      requireCallable(fn);
      const run = snapshot();
      // A method: callable with its own `this`, and no constructor.
      const { wrapped } = {
        wrapped(this: This, ...args: Args): R {
          return run(fn, this, args) as R;
        },
      };
      // The spec's CopyNameAndLength(wrapped, fn, "wrapped"): an own Number length, made a
      // non-negative integer (or +Infinity), else 0; a String name, else "". A throwing
      // getter (or proxy trap) throws out of wrap.
      let length = 0;
      if (Object.getOwnPropertyDescriptor(fn, 'length')) {
        const own: unknown = fn.length;
        if (typeof own === 'number' && own > 0) length = Math.trunc(own);
      }
      const name: unknown = fn.name;
      return Object.defineProperties(wrapped, { length: builtin(length), name: builtin(`wrapped ${typeof name === 'string' ? name : ''}`) });
    }
  }

  // The names set, not declared: an app's minifier renames classes.
  const describe = (constructor: Function, name: string) => {
    Object.defineProperty(constructor, 'name', builtin(name));
    Object.defineProperty(constructor.prototype, Symbol.toStringTag, builtin(`AsyncContext.${name}`));
  };
  describe(Variable, 'Variable');
  describe(Snapshot, 'Snapshot');
  // An ordinary object, as a namespace of the spec's is: its members writable and configurable.
  return Object.defineProperties({} as { readonly Variable: typeof Variable; readonly Snapshot: typeof Snapshot }, {
    Variable: builtin(Variable, true),
    Snapshot: builtin(Snapshot, true),
    [Symbol.toStringTag]: builtin('AsyncContext'),
  });
}
