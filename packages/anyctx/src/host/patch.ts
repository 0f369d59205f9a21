// The engine's layers on host objects: the one way the engine changes a host function, a
// constructor or an accessor, and the one way it undoes that.
//
// Code that wrapped what the engine installed, or keeps a reference to it, must keep working
// whatever the engine does beneath it: switch a source's variant (install.ts), or uninstall.
// So nothing the engine installed is left doing work that is no longer in effect:
// - a constructor or an accessor is a forwarding layer that keeps its identity, pointed at the
//   implementation in effect, or at the original;
// - a method is its implementation itself, which first checks its gate: once another is in
//   effect, or the engine is uninstalled, the gate says what to call instead. Most methods
//   get that check from a small forwarding function (replaceMethod); those on hot paths check
//   it themselves (replaceGatedMethod): a forwarding call cost 10-15% of a `.then` hop on
//   Node 24 and 9% of a setTimeout on Node 20.
// Removing a layer puts the original back only where the holder still has the engine's
// layer; a wrapper that other code put on top stays, and calls through to the original. (Node
// swaps one prototype when a mode changes, never the functions others hold: the same idea.)
//
// Layers keep the original's name, length and own properties (e.g. Node's
// `setTimeout[util.promisify.custom]`).

interface Layer {
  readonly holder: object;
  readonly property: PropertyKey;
  /** The holder's own descriptor before the layer (undefined: inherited, or none). */
  readonly previous: PropertyDescriptor | undefined;
  /** What the layer defined: its value, getter or setter tell whether it is still there. */
  defined: PropertyDescriptor;
  /** What the holder had under the layer: what it forwards to once removed (underlying). */
  readonly original: unknown;
  /** The source whose variant made the layer (asVariantOf). */
  readonly owner: unknown;
  /**
   * Points the layer at what `make` makes of the original, or at the original when `make` is
   * undefined. A value (define) forwards nothing and has none.
   */
  readonly point?: (make: Function | undefined) => void;
}

/** Every layer, oldest first. */
let layers: Layer[] = [];
/** What is undone with the layers that is no property (onRemove), oldest first. */
let removals: Array<() => void> = [];

// The source whose variant is being installed, and its layers from the variant before that
// the new one has not asked for (yet).
let owner: unknown;
let unclaimed: Layer[] = [];

/**
 * Runs `install`, a variant of `source`. A layer it asks for where the source's variant before
 * had one is that layer, pointed again; the layers of the variant before that it does not ask
 * for forward to the original from then on.
 */
export function asVariantOf(source: unknown, install: () => void): void {
  owner = source;
  unclaimed = layers.filter((layer) => layer.owner === source);
  try {
    install();
  } finally {
    for (const layer of unclaimed) {
      if (layer.point !== undefined) layer.point(undefined);
      else drop(layer);
    }
    owner = undefined;
    unclaimed = [];
  }
}

/** Puts `make`'s layer on `holder[property]` with `create`, or points the one already there. */
function putLayer(holder: object, property: PropertyKey, make: Function, create: () => Omit<Layer, 'holder' | 'property' | 'previous' | 'owner'> | undefined): void {
  const index = unclaimed.findIndex((layer) => layer.holder === holder && layer.property === property);
  if (index !== -1) {
    const claimed = unclaimed.splice(index, 1)[0]!;
    if (claimed.point !== undefined) return claimed.point(make);
    drop(claimed);
  }
  const made = create();
  if (made === undefined) return;
  const previous = Object.getOwnPropertyDescriptor(holder, property);
  Object.defineProperty(holder, property, made.defined);
  layers.push(Object.assign(made, { holder, property, previous, owner }));
}

/** Takes a value off for good: nothing forwards to it. */
function drop(layer: Layer): void {
  takeOff(layer);
  layers.splice(layers.indexOf(layer), 1);
}

/** Puts back what the holder had before `layer`, if the layer is still what it has. */
function takeOff(layer: Layer): void {
  const { holder, property, previous, defined } = layer;
  const now = Object.getOwnPropertyDescriptor(holder, property);
  if (now?.value !== defined.value || now?.get !== defined.get || now?.set !== defined.set) return;
  if (previous === undefined) Reflect.deleteProperty(holder, property);
  else Object.defineProperty(holder, property, previous);
}

/** Runs `undo` when the engine is uninstalled, with its layers. */
export function onRemove(undo: () => void): void {
  removals.push(undo);
}

/**
 * Removes every layer, newest first: the original back where the layer is still on top, and
 * everywhere the layer forwarding to the original.
 */
export function removeLayers(): void {
  for (const layer of layers.reverse()) {
    layer.point?.(undefined);
    takeOff(layer);
  }
  for (const undo of removals.reverse()) undo();
  layers = [];
  removals = [];
}

/** What `holder[property]` is under the engine's layer, or is, where the engine has none. */
export function underlying<T>(holder: object, property: PropertyKey): T {
  const layer = layers.find((layer) => layer.holder === holder && layer.property === property);
  return (layer === undefined ? (holder as Record<PropertyKey, unknown>)[property] : layer.original) as T;
}

/** Copies `from`'s own properties but `skip` onto `to`, so that a layer looks like the original. */
function copyOwnProperties(from: object, to: object, skip: readonly PropertyKey[] = []): void {
  for (const key of Reflect.ownKeys(from)) {
    if (skip.includes(key)) continue;
    try {
      Object.defineProperty(to, key, Object.getOwnPropertyDescriptor(from, key)!);
    } catch {
      // A non-configurable own property of the layer (none that matter): keep ours.
    }
  }
}

/**
 * Where an implementation calls instead of doing its own work: undefined while it is the one
 * in effect, else the one that is (or the original, once the layer is removed).
 */
export interface Gate { to: Function | undefined }

/**
 * A method layer: the holder has the implementation itself, made by `build(make)`, which
 * checks its gate first. Pointing the layer makes the new implementation (once per `make`: a
 * variant that runs again passes the same function), puts it on the holder where the
 * engine's is still on top, and opens every other implementation's gate to it, for code
 * that holds one.
 */
function putMethod<F extends Function>(holder: object, property: PropertyKey, make: Function, build: (make: Function) => (original: F, gate: Gate) => F): void {
  putLayer(holder, property, make, () => {
    // An inherited method (process.emit comes from EventEmitter.prototype) is shadowed by an
    // own property of the holder, removed again with the layer.
    let found: PropertyDescriptor | undefined;
    for (let o: object | null = holder; o !== null && found === undefined; o = Object.getPrototypeOf(o)) {
      found = Object.getOwnPropertyDescriptor(o, property);
    }
    if (found === undefined) return;
    // Deno defines its timer globals as accessors: the function is what the getter returns,
    // and the layer becomes a plain data property.
    const original = (found.get === undefined ? found.value : Reflect.get(holder, property)) as F;
    const writable = found.get === undefined ? found.writable : true;
    if (typeof original !== 'function' || (found.configurable === false && writable === false)) return;
    const made = new Map<Function, [F, Gate]>();
    const implementation = (next: Function): F => {
      let entry = made.get(next);
      if (entry === undefined) {
        const gate: Gate = { to: undefined };
        const impl = build(next)(original, gate);
        copyOwnProperties(original, impl, ['prototype', 'caller', 'arguments']);
        made.set(next, entry = [impl, gate]);
      }
      return entry[0];
    };
    const layer: Omit<Layer, 'holder' | 'property' | 'previous' | 'owner'> = {
      defined: { value: implementation(make), writable, enumerable: found.enumerable, configurable: found.configurable },
      original,
      point: (next) => {
        const impl = next === undefined ? original : implementation(next);
        for (const [fn, gate] of made.values()) gate.to = fn === impl ? undefined : impl;
        const now = Object.getOwnPropertyDescriptor(holder, property);
        if (next !== undefined && now?.value === layer.defined.value) {
          layer.defined = { ...now, value: impl };
          Object.defineProperty(holder, property, layer.defined);
        }
      },
    };
    return layer;
  });
}

/**
 * `holder[property]`'s method replaced by `make(original)`, behind a forwarding call that
 * checks the gate. Where the original has a prototype it can be called with `new`, and so
 * can the replacement; a builtin method cannot, nor can its replacement.
 */
export function replaceMethod<F extends Function>(holder: object, property: PropertyKey, make: (original: F) => F): void {
  putMethod<F>(holder, property, make, (next) => (original, gate) => {
    const impl: Function = next(original);
    return ('prototype' in original
      ? function (this: unknown) { return Reflect.apply(gate.to ?? impl, this, arguments); }
      : { method(this: unknown) { return Reflect.apply(gate.to ?? impl, this, arguments); } }.method) as unknown as F;
  });
}

/**
 * `holder[property]`'s method replaced by `make(original, gate)` itself, with no forwarding
 * call: what `make` returns must begin by calling `gate.to` (with its `this` and arguments)
 * where that is set. For the sources whose forwarding call was measured: `then` (10-15% of a
 * `.then` hop on Node 24), the schedulers (9% of a setTimeout on Node 20), microtasks, ticks.
 */
export function replaceGatedMethod<F extends Function>(holder: object, property: PropertyKey, make: (original: F, gate: Gate) => F): void {
  putMethod<F>(holder, property, make, (next) => next as typeof make);
}

/** Replaces `holder[property]` by a method that calls `before(this)` and then the original. */
export function beforeEachCall<T>(holder: object, property: PropertyKey, before: (self: T) => void): void {
  replaceMethod<Function>(holder, property, (original) => function (this: T) {
    before(this);
    return Reflect.apply(original, this, arguments);
  });
}

/**
 * What a replaced constructor does when called (`newTarget` undefined) or constructed:
 * `newTarget` is the original where the program named the layer, else the subclass.
 */
export type Construct = (newTarget: Function | undefined, args: IArguments) => unknown;

/**
 * A global constructor (Promise, MessageChannel, the observers) replaced by a layer whose
 * calls and constructions `make(original)` answers. The layer shares the original's
 * prototype, so instances, `instanceof` and subclasses stay the platform's; its static
 * methods call the original's with the original as `this` where the program names the layer
 * (`Promise.resolve(p)` returns a native `p` itself), and it prints as the original.
 */
export function replaceConstructor(holder: object, property: PropertyKey, make: (original: Function) => Construct): void {
  putLayer(holder, property, make, () => {
    const own = Object.getOwnPropertyDescriptor(holder, property);
    const original: unknown = own?.value;
    if (typeof original !== 'function') return;
    let construct = make(original);
    const forward = function (this: unknown) {
      return construct(new.target === forward ? original : new.target, arguments);
    };
    copyOwnProperties(original, forward, ['caller', 'arguments']);
    for (const key of Reflect.ownKeys(original)) {
      const method = Object.getOwnPropertyDescriptor(original, key)!.value;
      if (typeof method !== 'function') continue;
      const alias = { alias(this: unknown, ...args: unknown[]) { return Reflect.apply(method, this === forward ? original : this, args); } }.alias;
      copyOwnProperties(method, alias);
      Object.defineProperty(forward, key, { value: alias, writable: true, configurable: true });
    }
    Object.defineProperty(forward, 'toString', { value: () => Function.prototype.toString.call(original), writable: true, configurable: true });
    return {
      defined: { ...own, value: forward },
      original,
      point: (next) => {
        construct = next !== undefined ? next(original)
          : (newTarget, args) => newTarget === undefined ? Reflect.apply(original, undefined, args) : Reflect.construct(original, args, newTarget);
      },
    };
  });
}

type Accessor = { get(): unknown; set(value: unknown): void };

/** Replaces an accessor property (an `on…` event handler attribute) with one made from it. */
export function replaceAccessor(
  holder: object, property: PropertyKey,
  make: (get: () => unknown, set: (value: unknown) => void) => Accessor,
): void {
  putLayer(holder, property, make, () => {
    const descriptor = Object.getOwnPropertyDescriptor(holder, property);
    if (descriptor?.get === undefined || descriptor.set === undefined || !descriptor.configurable) return;
    const original: Accessor = descriptor as Accessor;
    let impl = make(original.get, original.set);
    return {
      defined: {
        ...descriptor,
        get(this: unknown) { return Reflect.apply(impl.get, this, []); },
        set(this: unknown, value: unknown) { Reflect.apply(impl.set, this, [value]); },
      },
      original,
      point: (next) => { impl = next === undefined ? original : next(original.get, original.set); },
    };
  });
}

/** Defines `holder[property]`, a value (nothing to forward to), taken off with the layers. */
export function define(holder: object, property: PropertyKey, descriptor: PropertyDescriptor): void {
  putLayer(holder, property, () => {}, () => ({ defined: descriptor, original: descriptor.value }));
}
