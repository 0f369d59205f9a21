// The records of the engine's layers (patch.ts): what takes them off, and what the async_hooks
// half (variant-switch.ts) points at another variant. Only a program that can do either has
// them: `uninstall` and the async_hooks half are made by pure calls of withLayerRecords, so a
// bundle that imports neither puts its layers and keeps no record (nothing could read one).

import { copyOwnProperties, defineOwn, recordLayers, type Gate, type Lay, type Made } from './patch';

export interface Layer {
  readonly holder: object;
  readonly property: PropertyKey;
  /** The holder's own descriptor before the layer (undefined: inherited, or none). */
  readonly previous: PropertyDescriptor | undefined;
  /** What the layer defined: its value or getter tells whether it is still there. */
  defined: PropertyDescriptor;
  /**
   * What the holder had under the layer (underlying), and what the gate in effect holds once
   * the layer is removed; a constructor's: what calls and constructs the original.
   */
  readonly original: unknown;
  /** The gate of the implementation in effect. */
  gateInEffect: Gate;
  /** Makes an implementation of a variant's `make` (variant-switch.ts). */
  readonly implement: (make: Function) => Made;
  /** The first variant's `make`, and what it made. */
  readonly firstMade: [Function, Made];
  /** The implementations made, by `make` (variant-switch.ts). */
  implementations?: Map<Function, Made>;
  /** The task source whose variant made the layer (variant-switch.ts). */
  owner: unknown;
}

/** Every layer, oldest first. */
export const layers: Layer[] = [];
/** What is undone with the layers that is no property (onRemove), oldest first. */
let removals: Array<() => void> = [];
/** The source whose variant is being installed: its layers are tagged with it. */
let owner: unknown;
/**
 * Set by the async_hooks half (variant-switch.ts): points a layer that the source's previous
 * variant put on `holder[property]` at `make`, instead of a new layer; false where it has none.
 */
let claim: ((holder: object, property: PropertyKey, make: Function) => boolean) | undefined;

/** The source whose variant the layers put from now on belong to. */
export function layersOf(source: unknown): void {
  owner = source;
}

/** How the async_hooks half claims layers (variant-switch.ts). */
export function setClaim(claimLayer: typeof claim): void {
  claim = claimLayer;
}

type Accessor = { get(): unknown; set(value: unknown): void };

/**
 * What a method or an accessor that checks no gate itself makes, behind a forwarding layer
 * that checks one: what is in effect, or the original once removed (patch.ts's header).
 */
const forwarding = (implement: (make: Function) => Made, original: any) => (make: Function): Made => {
  const made = implement(make);
  const value = made[0];
  if (made[1] !== undefined) return made;
  const gate: Gate = { to: undefined };
  if (typeof value !== 'function') {
    return [{
      get(this: unknown) { return Reflect.apply((gate.to ?? value as Accessor).get, this, []); },
      set(this: unknown, set: unknown) { Reflect.apply((gate.to ?? value as Accessor).set, this, [set]); },
    }, gate];
  }
  // Where the original has a prototype it can be called with `new`, and so can the layer; a
  // builtin method cannot, nor can its layer.
  const forward = 'prototype' in original
    ? function (this: unknown) { return Reflect.apply(gate.to ?? value, this, arguments); }
    : { method(this: unknown) { return Reflect.apply(gate.to ?? value, this, arguments); } }.method;
  copyOwnProperties(original, forward, ['prototype', 'caller', 'arguments']);
  return [forward, gate];
};

/** Puts a layer (patch.ts), and keeps its record. */
const lay: Lay = (holder, property, make, original, implementOwn, describe, cell) => {
  if (claim?.(holder, property, make)) return;
  const implement = cell === undefined ? forwarding(implementOwn, original) : implementOwn;
  const made = implement(make);
  const layer: Layer = {
    holder, property, previous: Object.getOwnPropertyDescriptor(holder, property), defined: describe(made[0]), original,
    gateInEffect: made[1] ?? cell!, implement, firstMade: [make, made], owner,
  };
  defineOwn(holder, property, layer.defined);
  layers.push(layer);
};

/**
 * Keeps a record of every layer put from now on, and returns `value`: the pure call that makes
 * `uninstall` (install.ts) and loads the async_hooks half (async-hooks.ts). Both are evaluated
 * before the entries install the engine.
 */
export function withLayerRecords<T>(value: T): T {
  recordLayers(lay, removeLayers);
  return value;
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
  // Index loops: uninstall() may come after the program took Array.prototype's iterator away.
  for (let i = layers.length - 1; i >= 0; i--) {
    const { holder, property, previous, defined, gateInEffect, original } = layers[i]!;
    gateInEffect.to = original;
    const now = Object.getOwnPropertyDescriptor(holder, property);
    if (now?.value !== defined.value || now?.get !== defined.get) continue;
    if (previous === undefined) Reflect.deleteProperty(holder, property);
    else defineOwn(holder, property, previous);
  }
  for (let i = removals.length - 1; i >= 0; i--) removals[i]!();
  layers.length = 0;
  removals = [];
}

/** What `holder[property]` is under the engine's layer, or is, where the engine has none. */
export function underlying<T>(holder: object, property: PropertyKey): T {
  const layer = layers.find((layer) => layer.holder === holder && layer.property === property);
  return (layer === undefined ? (holder as Record<PropertyKey, unknown>)[property] : layer.original) as T;
}

