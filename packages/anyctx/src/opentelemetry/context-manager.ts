// OpenTelemetry's ContextManager on the engine: the active context is an AsyncLocalStorage's
// store, so it follows every task source the engine instruments, and native `await` in code
// rewritten by anyctx-build. No zone.js, no `events` polyfill.
//
// The storage comes from `anyctx` itself (kept external by the build), so an app has one
// engine: in a browser bundle the portable engine its other imports reach, on Node Node's own
// AsyncLocalStorage.

import { AsyncLocalStorage } from 'anyctx';
import { ROOT_CONTEXT, type Context, type ContextManager } from '@opentelemetry/api';

type Listener = (...args: unknown[]) => unknown;

/** An EventTarget: what `bind` patches so that its listeners run in the bound context. */
interface ListenerTarget {
  addEventListener(type: string, listener: unknown, options?: unknown): void;
  removeEventListener(type: string, listener: unknown, options?: unknown): void;
}

/** A Node-style emitter (Node's `events`, or a copy of it). */
interface Emitter {
  [method: string]: unknown;
}

const ADD_LISTENER = ['addListener', 'on', 'once', 'prependListener', 'prependOnceListener'] as const;
const REMOVE_LISTENER = ['removeListener', 'off'] as const;

const isListenerTarget = (target: object): target is ListenerTarget =>
  typeof (target as ListenerTarget).addEventListener === 'function' && typeof (target as ListenerTarget).removeEventListener === 'function';

const isEmitter = (target: object): target is Emitter =>
  typeof (target as Emitter).on === 'function' && typeof (target as Emitter).removeListener === 'function';

export class AnyctxContextManager implements ContextManager {
  readonly #storage = new AsyncLocalStorage<Context>();
  /** Per bound target and event type: each listener and the wrapper that was registered. */
  readonly #bound = new WeakMap<object, Map<unknown, WeakMap<object, Listener>>>();

  active(): Context {
    return this.#storage.getStore() ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    context: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A
  ): ReturnType<F> {
    const callback = thisArg == null ? fn : fn.bind(thisArg);
    return this.#storage.run(context, callback as (...args: A) => ReturnType<F>, ...args);
  }

  /**
   * `target` bound to `context`: a function runs in it; the listeners that an EventTarget or
   * an emitter is given from now on run in it (and can still be removed by the function the
   * caller holds). Anything else is returned as it is.
   */
  bind<T>(context: Context, target: T): T {
    if (typeof target === 'function') return this.#bindFunction(context, target as unknown as Listener) as T;
    if (typeof target === 'object' && target !== null && !this.#bound.has(target)) {
      if (isListenerTarget(target)) this.#bindListenerTarget(context, target);
      else if (isEmitter(target)) this.#bindEmitter(context, target);
    }
    return target;
  }

  enable(): this {
    return this;
  }

  /** Leaves every context: until `with` is called again, `active()` is the root context. */
  disable(): this {
    this.#storage.disable();
    return this;
  }

  #bindFunction(context: Context, fn: Listener): Listener {
    const manager = this;
    const bound = function (this: unknown, ...args: unknown[]) {
      return manager.with(context, () => Reflect.apply(fn, this, args));
    };
    Object.defineProperty(bound, 'length', { value: fn.length, configurable: true });
    return bound;
  }

  /** The wrapper registered for `listener` on `target` for `type`, made on first use. */
  #wrapperFor(context: Context, target: object, type: unknown, listener: unknown): unknown {
    if (typeof listener !== 'function' && (typeof listener !== 'object' || listener === null)) return listener;
    const byType = this.#bound.get(target)!;
    let wrappers = byType.get(type);
    if (wrappers === undefined) byType.set(type, wrappers = new WeakMap());
    let wrapper = wrappers.get(listener);
    if (wrapper === undefined) {
      // A listener object's handleEvent is looked up when the event fires, as the platform does.
      const call: Listener = typeof listener === 'function'
        ? listener as Listener
        : function (this: unknown, ...args: unknown[]) {
          return Reflect.apply((listener as { handleEvent: Listener }).handleEvent, listener, args);
        };
      wrappers.set(listener, wrapper = this.#bindFunction(context, call));
    }
    return wrapper;
  }

  #wrapperOf(target: object, type: unknown, listener: unknown): unknown {
    if (typeof listener !== 'function' && (typeof listener !== 'object' || listener === null)) return listener;
    return this.#bound.get(target)?.get(type)?.get(listener) ?? listener;
  }

  #bindListenerTarget(context: Context, target: ListenerTarget): void {
    this.#bound.set(target, new Map());
    const manager = this;
    const add = target.addEventListener;
    const remove = target.removeEventListener;
    target.addEventListener = function (this: unknown, type, listener, options) {
      return Reflect.apply(add, this, [type, manager.#wrapperFor(context, target, type, listener), options]);
    };
    target.removeEventListener = function (this: unknown, type, listener, options) {
      return Reflect.apply(remove, this, [type, manager.#wrapperOf(target, type, listener), options]);
    };
  }

  #bindEmitter(context: Context, emitter: Emitter): void {
    this.#bound.set(emitter, new Map());
    const manager = this;
    // `once` calls `on` with a wrapper of its own on Node's emitters: a listener is wrapped
    // once, at the outermost call.
    let adding = false;
    for (const method of ADD_LISTENER) {
      const original = emitter[method];
      if (typeof original !== 'function') continue;
      emitter[method] = function (this: unknown, type: unknown, listener: unknown) {
        if (adding) return Reflect.apply(original, this, [type, listener]);
        adding = true;
        try {
          return Reflect.apply(original, this, [type, manager.#wrapperFor(context, emitter, type, listener)]);
        } finally {
          adding = false;
        }
      };
    }
    for (const method of REMOVE_LISTENER) {
      const original = emitter[method];
      if (typeof original !== 'function') continue;
      emitter[method] = function (this: unknown, type: unknown, listener: unknown) {
        return Reflect.apply(original, this, [type, manager.#wrapperOf(emitter, type, listener)]);
      };
    }
    const removeAll = emitter.removeAllListeners;
    if (typeof removeAll === 'function') {
      emitter.removeAllListeners = function (this: unknown, ...args: unknown[]) {
        const byType = manager.#bound.get(emitter)!;
        if (args.length === 0) byType.clear();
        else byType.delete(args[0]);
        return Reflect.apply(removeAll, this, args);
      };
    }
  }
}
