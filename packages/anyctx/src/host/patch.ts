// The engine's layers on host objects: the one way the engine changes a host function, a
// constructor or an accessor, and the one way it undoes that.
//
// Code that wrapped what the engine installed, or keeps a reference to it, must keep working
// whatever the engine does beneath it: uninstall, or (in a program with async_hooks) switch a
// source's variant (variant-switch.ts). So nothing the engine installed is left doing work
// that is no longer in effect. Every layer has a gate, which says where it calls instead:
// - a method or an accessor checks its gate first (`to` undefined: it is the one in effect;
//   else what to call instead). Those on hot paths check it themselves (replaceGatedMethod):
//   a forwarding call cost 10-15% of a `.then` hop on Node 24 and 9% of a setTimeout on
//   Node 20. The others get the check from a small forwarding layer, which only a program
//   that can remove or switch layers has (layer-records.ts): elsewhere the implementation
//   is the layer;
// - a constructor is a forwarding layer that keeps its identity and calls what its gate
//   holds: the implementation in effect, or the original.
// Removing a layer opens its gate to the original, and puts the original back only where the
// holder still has the engine's layer; a wrapper that other code put on top stays, and calls
// through to the original. (Node swaps one prototype when a mode changes, never the functions
// others hold: the same idea.)
//
// A layer is put once and, where the program has `uninstall`, taken off once
// (layer-records.ts): the code that points a layer at another variant is in the async_hooks
// half (variant-switch.ts), since only there does the engine's mode change.
//
// Layers keep the original's name, length and own properties (e.g. Node's
// `setTimeout[util.promisify.custom]`).

/**
 * Where an implementation calls instead of doing its own work. A method's or an accessor's:
 * undefined while it is the one in effect, else the one that is (or the original, once the
 * layer is removed). A constructor's: the implementation its forwarding layer calls.
 */
export interface Gate { to: any }

/**
 * What a variant's `make` gives: an implementation, and its gate where it checks one itself
 * (a gated method's; a forwarding layer's, layer-records.ts).
 */
export type Made = [value: any, gate?: Gate];

/** How a layer is put: `implement(make)`'s implementation, described by `describe`. */
export type Lay = (
  holder: object, property: PropertyKey, make: Function, original: unknown,
  implement: (make: Function) => Made, describe: (value: any) => PropertyDescriptor, cell?: Gate,
) => void;

/**
 * Where the program can take the engine's layers off (uninstall) or switch them (the
 * async_hooks half), layer-records.ts keeps a record of each: see withLayerRecords.
 * Elsewhere a layer is put, and nothing more.
 */
let recordedLay: Lay | undefined;
/** Where layers are recorded: what takes them off (layer-records.ts). */
export let removeRecordedLayers: (() => void) | undefined;

export function recordLayers(lay: Lay, remove: () => void): void {
  recordedLay = lay;
  removeRecordedLayers = remove;
}

/**
 * What install could not instrument (frozen, or non-writable and non-configurable), by name:
 * install.ts throws ANYCTX_CANNOT_INSTRUMENT naming them, rather than lose their context.
 */
export const uninstrumentable: string[] = [];

/**
 * Puts a layer on `holder[property]`; `cell` is the gate of a forwarding layer (constructor,
 * accessor).
 */
const lay: Lay = (holder, property, make, original, implement, describe, cell) => {
  try {
    if (recordedLay !== undefined) recordedLay(holder, property, make, original, implement, describe, cell);
    else defineOwn(holder, property, describe(implement(make)[0]));
  } catch {
    // Frozen, or non-writable and non-configurable (a lockdown): install.ts throws, naming it.
    const owner = typeof holder === 'function' ? holder : (holder as { constructor?: Function }).constructor;
    uninstrumentable.push(holder === globalThis ? String(property)
      // An intrinsic prototype with no named constructor (%AsyncGeneratorPrototype%) by its tag.
      : `${owner?.name || (holder as { [Symbol.toStringTag]?: string })[Symbol.toStringTag]}${owner === holder ? '' : '.prototype'}.${String(property)}`);
  }
};


/**
 * `Object.defineProperty` with a copy of `descriptor` that inherits nothing: a descriptor is
 * read with [[HasProperty]], so an `Object.prototype.get` or `.value` that other code set would
 * otherwise be part of it (and make it invalid).
 */
export function defineOwn(holder: object, property: PropertyKey, descriptor: PropertyDescriptor): void {
  Object.defineProperty(holder, property, { __proto__: null, ...descriptor } as PropertyDescriptor);
}

/** Copies `from`'s own properties but `skip` onto `to`, so that a layer looks like the original. */
export function copyOwnProperties(from: object, to: object, skip: readonly PropertyKey[] = []): void {
  // Indexed: a program may have taken Array.prototype[Symbol.iterator] away before a switch.
  const keys = Reflect.ownKeys(from);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (skip.includes(key)) continue;
    try {
      defineOwn(to, key, Object.getOwnPropertyDescriptor(from, key)!);
    } catch {
      // A non-configurable own property of the layer (none that matter): keep ours.
    }
  }
}

/** A method layer: what `build(make, original)` makes (patch.ts's header). */
function putMethod<F extends Function>(holder: object, property: PropertyKey, make: Function, build: (make: any, original: F) => Made): void {
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
  if (typeof original !== 'function') return;
  lay(holder, property, make, original, (next) => {
    const made = build(next, original);
    copyOwnProperties(original, made[0], ['prototype', 'caller', 'arguments']);
    return made;
  }, (value) => ({ value, writable, enumerable: found.enumerable, configurable: found.configurable }));
}

/**
 * `holder[property]`'s method replaced by `make(original)`; where layers can be removed or
 * switched, behind a forwarding layer that checks the gate (layer-records.ts).
 */
export function replaceMethod<F extends Function>(holder: object, property: PropertyKey, make: (original: F) => F): void {
  putMethod<F>(holder, property, make, (next: typeof make, original) => [next(original)]);
}

/**
 * `holder[property]`'s method replaced by `make(original, gate)` itself, with no forwarding
 * call: what `make` returns must begin by calling `gate.to` (with its `this` and arguments)
 * where that is set. For the sources whose forwarding call was measured: `then` (10-15% of a
 * `.then` hop on Node 24), the schedulers (9% of a setTimeout on Node 20), microtasks, ticks.
 */
export function replaceGatedMethod<F extends Function>(holder: object, property: PropertyKey, make: (original: F, gate: Gate) => F): void {
  putMethod<F>(holder, property, make, (next: typeof make, original) => {
    const gate: Gate = { to: undefined };
    return [next(original, gate), gate];
  });
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
function setMethod(holder: object, property: PropertyKey, value: Function): void {
  defineOwn(holder, property, { value, writable: true, configurable: true });
}

export function replaceConstructor(holder: object, property: PropertyKey, make: (original: Function) => Construct): void {
  const own = Object.getOwnPropertyDescriptor(holder, property);
  const original: unknown = own?.value;
  if (typeof original !== 'function') return;
  const cell: Gate = { to: undefined };
  const forward = function (this: unknown) {
    return cell.to(new.target === forward ? original : new.target, arguments);
  };
  copyOwnProperties(original, forward, ['caller', 'arguments']);
  const keys = Reflect.ownKeys(original);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const method = Object.getOwnPropertyDescriptor(original, key)!.value;
    if (typeof method !== 'function') continue;
    // A non-configurable static (bluebird's) stays as copied.
    if (Object.getOwnPropertyDescriptor(forward, key)?.configurable === false) continue;
    const alias = { alias(this: unknown) { return Reflect.apply(method, this === forward ? original : this, arguments); } }.alias;
    copyOwnProperties(method, alias);
    setMethod(forward, key, alias);
  }
  setMethod(forward, 'toString', () => Function.prototype.toString.call(original));
  const construct: Construct = (newTarget, args) => newTarget === undefined ? Reflect.apply(original, undefined, args) : Reflect.construct(original, args, newTarget);
  // A constructor's layer is claimed (variant-switch.ts) after its forwarding function is
  // made: one made again is dropped.
  lay(holder, property, make, construct, (next) => [next(original)], (value) => {
    cell.to = value;
    return { ...own, value: forward };
  }, cell);
}

type Accessor = { get(): unknown; set(value: unknown): void };

/** Replaces an accessor property (an `on…` event handler attribute) with one made from it. */
export function replaceAccessor(
  holder: object, property: PropertyKey,
  make: (get: () => unknown, set: (value: unknown) => void) => Accessor,
): void {
  const descriptor = Object.getOwnPropertyDescriptor(holder, property);
  if (descriptor?.get === undefined || descriptor.set === undefined) return;
  const original = descriptor as Accessor;
  lay(holder, property, make, original, (next) => [next(original.get, original.set)], ({ get, set }: Accessor) => ({ ...descriptor, get, set }));
}

/** Defines `holder[property]`, a value (nothing to forward to), taken off with the layers. */
export function define(holder: object, property: PropertyKey, descriptor: PropertyDescriptor): void {
  lay(holder, property, () => {}, descriptor.value, () => [descriptor.value, { to: undefined }], () => descriptor);
}
