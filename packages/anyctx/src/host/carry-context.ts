// Opt-in context for messages (docs/semantics.md §2: browsers give message events no context of
// their own, as the platform fires them). `carryContext(target, storages)` makes the
// target's postMessage send the current values of the storages, by name, along with each
// message, and its 'message' listeners (addEventListener, onmessage) run with those values
// set, the data unwrapped. Both ends call it, each with its own storages: values travel by
// structured clone, so they are matched by `name` and must be clonable. Works for Worker,
// the worker's global scope, MessagePort and BroadcastChannel, in any realm.
//
// A public API, not a task source: every entry exports it, Node's native one too, and
// nothing is installed until it is called.

import { invalidArgType, invalidArgValue } from '../core/errors';
import { isListener, listenerWrappers } from './listener-wrappers';
import { defineOwn } from './patch';

/** An AsyncLocalStorage or an AsyncContext.Variable. */
export interface CarriedStorage {
  readonly name?: string;
  run<R>(value: any, fn: () => R): R;
  getStore?(): unknown;
  get?(): unknown;
}

interface MessageTarget {
  postMessage?(message: unknown, ...rest: unknown[]): void;
  addEventListener?(type: string, listener: unknown, ...rest: unknown[]): void;
  removeEventListener?(type: string, listener: unknown, ...rest: unknown[]): void;
}

// The posted object: recognisable on arrival, whatever the message itself is.
const ENVELOPE = '__anyctxCarried';
interface Envelope { [ENVELOPE]: Record<string, unknown>; message: unknown }

const isEnvelope = (data: unknown): data is Envelope =>
  typeof data === 'object' && data !== null && typeof (data as Envelope)[ENVELOPE] === 'object';

// An event's carried values, once its data is unwrapped (for its other listeners).
const carriedOf = new WeakMap<object, Record<string, unknown>>();

function carriedValues(event: unknown): Record<string, unknown> | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const data = (event as { data?: unknown }).data;
  if (isEnvelope(data)) {
    carriedOf.set(event, data[ENVELOPE]);
    defineOwn(event, 'data', { value: data.message, configurable: true, enumerable: true });
  }
  return carriedOf.get(event);
}

function currentValue(storage: CarriedStorage): unknown {
  return typeof storage.getStore === 'function' ? storage.getStore() : storage.get!();
}

/** The storages by the name they travel under: `[storage, …]` uses each one's own `name`;
 * `{ name: storage, … }` names them (Node 20's own AsyncLocalStorage has no name). */
function namedStorages(target: unknown, storages: unknown): [string, CarriedStorage][] {
  if (typeof target !== 'object' || target === null) throw invalidArgType('target', 'object', target);
  if (typeof storages !== 'object' || storages === null) throw invalidArgType('storages', 'object', storages);
  const named: [string, unknown][] = Array.isArray(storages)
    ? storages.map((storage) => [(storage as CarriedStorage | null)?.name as string, storage])
    : Object.entries(storages);
  const names = new Set<string>();
  return named.map((entry, i) => {
    const name = entry[0];
    const storage = entry[1];
    const at = Array.isArray(storages) ? `storages[${i}]` : `storages.${name}`;
    if (typeof storage !== 'object' || storage === null || typeof (storage as CarriedStorage).run !== 'function') {
      throw invalidArgType(at, 'AsyncLocalStorage or AsyncContext.Variable', storage);
    }
    if (typeof name !== 'string' || name === '' || names.has(name)) {
      throw invalidArgValue(`${at}.name`, name, 'must be a name no other carried storage has');
    }
    names.add(name);
    return [name, storage as CarriedStorage];
  });
}

/**
 * A call's arguments with its first `count` replaced by `first` and `second`, the others as
 * they came. Indexed, not spread: a program may have taken Array.prototype[Symbol.iterator] away.
 */
function withArguments(args: IArguments, count: number, first: unknown, second?: unknown): unknown[] {
  const list: unknown[] = [first];
  if (count === 2) list[1] = second;
  for (let i = count; i < args.length; i++) list[i] = args[i];
  return list;
}

/**
 * Carries the values of `storages` on the messages `target` posts, and runs the target's
 * 'message' listeners with the values that arrive. Returns a function that undoes it.
 */
export function carryContext(target: object, storages: readonly CarriedStorage[] | Record<string, CarriedStorage>): () => void {
  const list = namedStorages(target, storages);
  const port = target as MessageTarget & Record<string, unknown>;
  const undo: (() => void)[] = [];

  // Puts `value` as the target's own property `key`; undo restores what was there.
  const own = (key: string, descriptor: PropertyDescriptor): void => {
    const before = Object.getOwnPropertyDescriptor(port, key);
    defineOwn(port, key, { configurable: true, ...descriptor });
    undo.push(() => (before ? defineOwn(port, key, before) : delete port[key]));
  };

  const runWith = (values: Record<string, unknown>, i: number, fn: () => unknown): unknown => {
    while (i < list.length && !(list[i]![0] in values)) i++;
    if (i === list.length) return fn();
    const entry = list[i]!;
    return entry[1].run(values[entry[0]], () => runWith(values, i + 1, fn));
  };

  const wrappers = listenerWrappers((_thisArg, event, call) => {
    const values = carriedValues(event);
    return values === undefined ? call() : runWith(values, 0, call);
  });
  const wrap = (listener: unknown): unknown => (isListener(listener) ? wrappers.wrapperFor(listener) : listener);

  const { postMessage, addEventListener, removeEventListener } = port;
  if (typeof postMessage === 'function') {
    own('postMessage', {
      writable: true,
      value: function (this: unknown, message: unknown) {
        const values: Record<string, unknown> = {};
        for (let i = 0; i < list.length; i++) {
          const value = currentValue(list[i]![1]);
          if (value !== undefined) values[list[i]![0]] = value;
        }
        return Reflect.apply(postMessage, this, withArguments(arguments, 1, { [ENVELOPE]: values, message }));
      },
    });
  }
  if (typeof addEventListener === 'function' && typeof removeEventListener === 'function') {
    own('addEventListener', {
      writable: true,
      value: function (this: unknown, type: string, listener: unknown) {
        return Reflect.apply(addEventListener, this, withArguments(arguments, 2, type, type === 'message' ? wrap(listener) : listener));
      },
    });
    own('removeEventListener', {
      writable: true,
      value: function (this: unknown, type: string, listener: unknown) {
        const wrapper = type === 'message' ? wrappers.wrapperOf(listener) : undefined;
        return Reflect.apply(removeEventListener, this, withArguments(arguments, 2, type, wrapper ?? listener));
      },
    });
  }
  // onmessage: the handler the user set reads back unchanged; the platform gets its wrapper.
  let handler: unknown = null;
  for (let o: object | null = port; o !== null; o = Object.getPrototypeOf(o)) {
    const accessor = Object.getOwnPropertyDescriptor(o, 'onmessage');
    if (accessor === undefined) continue;
    if (accessor.set === undefined) break;
    handler = accessor.get?.call(port) ?? null;
    own('onmessage', {
      enumerable: accessor.enumerable,
      get: () => handler,
      set(value: unknown) {
        handler = value;
        accessor.set!.call(port, typeof value === 'function' ? wrap(value) : value);
      },
    });
    // A handler set before: from now on it runs wrapped; undone, it runs as it was.
    if (typeof handler === 'function') accessor.set.call(port, wrap(handler));
    undo.push(() => accessor.set!.call(port, handler));
    break;
  }
  return () => {
    while (undo.length > 0) undo.pop()!();
  };
}
