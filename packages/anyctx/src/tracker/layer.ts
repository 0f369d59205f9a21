// What the tracked variants share: how a layer goes over the function in effect, and what
// they ask of the tracker (`Begin`: task-tracker.ts passes its beginTask when it lays them,
// so that these modules do not import it back).

import { copyOwnProperties, defineOwn } from '../host/patch';
import { nodeBuiltin } from '../host/node-builtins';

export interface TaskLike {
  end(): void;
}

/** Begins a task of `source` where the current scope has trackers. */
export type Begin = (source: string, periodic?: boolean) => TaskLike | undefined;

export type Method = (this: unknown, ...args: unknown[]) => unknown;

/** One of Node's built-in modules, where the runtime is Node itself. */
export const nodeModule = (name: string): Record<string, any> | undefined => nodeBuiltin(globalThis, name);


/** Replaces `holder[key]`, a function (own or inherited), by `make(inner)`, which looks like it. */
export function layer(holder: object, key: PropertyKey, make: (inner: Method) => Method): void {
  let found: PropertyDescriptor | undefined;
  for (let o: object | null = holder; o !== null && found === undefined; o = Object.getPrototypeOf(o)) {
    found = Object.getOwnPropertyDescriptor(o, key);
  }
  const inner = found === undefined ? undefined : found.get === undefined ? found.value : Reflect.get(holder, key);
  if (typeof inner !== 'function') return;
  const value = make(inner);
  copyOwnProperties(inner, value, ['prototype', 'caller', 'arguments']);
  try {
    defineOwn(holder, key, { value, writable: true, enumerable: found!.enumerable, configurable: true });
  } catch {
    // Frozen: the source is not tracked (the engine, which instruments it, would have said so).
  }
}

/**
 * Replaces the constructor `holder[key]` by one that calls `made` with each instance it
 * constructs; instances, `instanceof` and subclasses stay the platform's (the prototype is
 * shared, and a subclass's `new.target` is passed on).
 */
export function layerConstructor(holder: object, key: string, made: (instance: object) => void): void {
  const found = Object.getOwnPropertyDescriptor(holder, key);
  const inner: unknown = found?.value;
  if (typeof inner !== 'function') return;
  const Layer = function (this: unknown) {
    // Called without new: the platform's TypeError.
    if (new.target === undefined) return Reflect.apply(inner, this, arguments);
    const instance = Reflect.construct(inner, arguments, new.target === Layer ? inner : new.target) as object;
    made(instance);
    return instance;
  };
  copyOwnProperties(inner, Layer, ['caller', 'arguments']);
  try {
    defineOwn(holder, key, { value: Layer, writable: true, enumerable: found!.enumerable, configurable: true });
  } catch {
    // Frozen: not tracked.
  }
}
