// The public API both `anyctx` and `anyctx/portable` export, written by hand: no private
// names, no @types/node (what Node would provide is declared here, structurally), no imports.
// The build copies this folder to dist/types as .d.ts (for `import`) and .d.cts (for
// `require`); conformance.ts holds the implementation to it.

/** Options of {@link AsyncLocalStorage}'s constructor. */
export interface AsyncLocalStorageOptions<T> {
  /** What `getStore()` returns outside any `run()` or `enterWith()` of this storage.
   * Through `anyctx` on Node (Node's own class): Node 24 and later. */
  defaultValue?: T;
  /** The storage's `name` (used by `carryContext`). Through `anyctx` on Node: Node 24 and later. */
  name?: string;
}

/**
 * A store that follows the asynchronous flow: a value set with `run()` is what `getStore()`
 * returns in the callback and in everything it schedules (promises, timers, awaits, …).
 * Node's `AsyncLocalStorage`, on every runtime.
 */
export declare class AsyncLocalStorage<T = unknown> {
  constructor(options?: AsyncLocalStorageOptions<T>);
  /** The `name` option, or `''`. Through `anyctx` on Node: Node 24 and later. */
  readonly name: string;
  /** The current store: the value of the innermost `run()` (or `enterWith()`) of this
   * storage in the current context, else the `defaultValue` option. */
  getStore(): T | undefined;
  /** Runs `callback` with `store` as the current store, and returns what it returns. */
  run<R>(store: T, callback: () => R): R;
  run<R, Args extends unknown[]>(store: T, callback: (...args: Args) => R, ...args: Args): R;
  /** Runs `callback` outside this storage's context: `getStore()` is `undefined` there. */
  exit<R, Args extends unknown[]>(callback: (...args: Args) => R, ...args: Args): R;
  /** Sets the store for the rest of the current synchronous execution and what it schedules. */
  enterWith(store: T): void;
  /** Clears this storage's store in the current context. */
  disable(): void;
  /**
   * Sets the store as `enterWith()` does, until the scope returned is disposed, which puts back
   * the store found here: `using scope = storage.withScope(store);`. Through `anyctx` on Node:
   * where that Node has it (Node 24.21 does).
   */
  withScope(store: T): RunScope;
  /** `fn`, bound to the current context (of every storage). */
  static bind<F extends (...args: any[]) => any>(fn: F): F;
  /** Captures the current context: the function returned runs its callback in it. */
  static snapshot(): <R, Args extends unknown[]>(fn: (...args: Args) => R, ...args: Args) => R;
}

/** `Symbol.dispose`'s type where the program's lib or `@types/node` declares it. */
type DisposeSymbol = SymbolConstructor extends { readonly dispose: infer D extends symbol } ? D : never;

/** What {@link AsyncLocalStorage.withScope} returns. */
export type RunScope = {
  /** Puts back the store that `withScope()` found, the first time only. */
  dispose(): void;
} & {
  /** `dispose()`, for `using`. */
  [K in DisposeSymbol]: () => void;
};

/** Options of {@link AsyncResource}'s constructor. */
export interface AsyncResourceOptions {
  /** The id of the resource that caused this one (default: the current execution's). */
  triggerAsyncId?: number;
  /** Whether `emitDestroy()` is left to the caller (default false: called when collected). */
  requireManualDestroy?: boolean;
}

/**
 * A user-defined asynchronous resource: it captures the context it is created in, and
 * `runInAsyncScope()` runs functions in that context, with its own async id. Node's
 * `AsyncResource`.
 */
export declare class AsyncResource {
  /** `type` names the resource to `init` hooks; `triggerAsyncId` may be given alone. */
  constructor(type: string, triggerAsyncId?: number | AsyncResourceOptions);
  /** Runs `fn` with `this` as `thisArg` in the resource's context, as its execution. */
  runInAsyncScope<This, Args extends unknown[], R>(fn: (this: This, ...args: Args) => R, thisArg?: This, ...args: Args): R;
  /** Calls the `destroy` hooks; returns the resource. */
  emitDestroy(): this;
  /** The resource's async id. */
  asyncId(): number;
  /** The id of the resource that caused this one. */
  triggerAsyncId(): number;
  /** `fn`, bound to run in this resource's context (with `thisArg` as `this`, if given). */
  bind<F extends (...args: any[]) => any>(fn: F, thisArg?: unknown): F;
  /** `fn`, bound to run in the context of a new resource of type `type` (default: `fn`'s name). */
  static bind<F extends (...args: any[]) => any>(fn: F, type?: string, thisArg?: unknown): F;
}

/** The callbacks of {@link createHook}, each optional. */
export interface HookCallbacks {
  /** A resource was created. */
  init?(asyncId: number, type: string, triggerAsyncId: number, resource: object): void;
  /** A resource's callback is about to run. */
  before?(asyncId: number): void;
  /** A resource's callback has run. */
  after?(asyncId: number): void;
  /** A resource was destroyed. */
  destroy?(asyncId: number): void;
  /** A promise was resolved. */
  promiseResolve?(asyncId: number): void;
  /** Whether the hook gets promises' events (type `PROMISE`); default `true`, and `false` is
   * refused beside `promiseResolve`. Through `anyctx` on Node: Node 24 and later. */
  trackPromises?: boolean;
}

/** A set of hook callbacks, off until enabled. Made by {@link createHook}. */
export declare class AsyncHook {
  constructor(callbacks: HookCallbacks);
  /** Starts calling the callbacks; returns the hook. */
  enable(): this;
  /** Stops calling the callbacks; returns the hook. */
  disable(): this;
}

/** A hook calling `callbacks` on resources' lifecycle events, once enabled. */
export declare function createHook(callbacks: HookCallbacks): AsyncHook;
/** The async id of the current execution. */
export declare function executionAsyncId(): number;
/** The async id of the resource that caused the current execution. */
export declare function triggerAsyncId(): number;
/** The resource of the current execution. */
export declare function executionAsyncResource(): object;
/** Node's native resource types by name (the value is the provider's number). */
export declare const asyncWrapProviders: Readonly<Record<string, number>>;

/** The TC39 AsyncContext proposal's API, sharing its context with {@link AsyncLocalStorage}. */
export declare namespace AsyncContext {
  /** Options of {@link Variable}'s constructor. */
  interface VariableOptions<T> {
    /** The variable's `name` (used by `carryContext`). */
    name?: string;
    /** What `get()` returns outside any `run()` of this variable. */
    defaultValue?: T;
  }

  /** A value that follows the asynchronous flow: `run(value, fn)` sets it for `fn` and what
   * `fn` schedules; `get()` reads it. */
  class Variable<T> {
    constructor(options?: VariableOptions<T>);
    /** The `name` option, or `''`. */
    readonly name: string;
    /** The current value, else the `defaultValue` option. */
    get(): T | undefined;
    /** Runs `fn` with `value` as the variable's value, and returns what it returns. */
    run<R, Args extends unknown[]>(value: T, fn: (...args: Args) => R, ...args: Args): R;
  }

  /** The context (every variable's and storage's value) captured when constructed. */
  class Snapshot {
    constructor();
    /** Runs `fn` in the captured context, and returns what it returns. */
    run<R, Args extends unknown[]>(fn: (...args: Args) => R, ...args: Args): R;
    /** `fn`, bound to the current context. */
    static wrap<This, Args extends unknown[], R>(fn: (this: This, ...args: Args) => R): (this: This, ...args: Args) => R;
  }
}

/** What {@link carryContext} carries: an {@link AsyncLocalStorage} or an {@link AsyncContext.Variable}. */
export interface CarriedStorage {
  readonly name?: string;
  run<R>(value: unknown, fn: () => R): R;
  getStore?(): unknown;
  get?(): unknown;
}

/**
 * Carries the current values of `storages` on the messages `target` (a Worker, a worker's
 * global scope, a MessagePort, a BroadcastChannel) posts, and runs its 'message' listeners
 * with the values that arrive. Both ends call it. A list uses each storage's `name`; an
 * object names them by its keys. Returns a function that undoes it.
 */
export declare function carryContext(target: object, storages: readonly CarriedStorage[] | Readonly<Record<string, CarriedStorage>>): () => void;
