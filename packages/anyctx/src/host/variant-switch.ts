// Pointing the engine's layers (patch.ts) at another variant of their source: the part of the
// switch (install.ts) that only a program with async_hooks has, since only there does the
// engine's mode change (host/async-hooks.ts loads it).
//
// A variant that asks for a layer where the source's previous variant had one gets that
// layer, pointed again: a method's holder gets the new implementation where the engine's is
// still on top (a wrapper on top stays), and the gate of the one in effect before opens to
// it, for code that holds it; a constructor's or an accessor's forwarding layer calls the new
// implementation. Each variant's implementations are made once (a program that enables and
// disables hooks again and again gets the same functions back). The layers of the previous
// variant that the new one does not ask for forward to the original from then on.

import { layers, setClaim, type Layer } from './layer-records';

let unclaimed: Layer[] = [];

/** Points `layer` at `make`'s implementation. */
function point(layer: Layer, make: Function): void {
  const implementations = layer.implementations ??= new Map([layer.firstMade]);
  let made = implementations.get(make);
  if (made === undefined) implementations.set(make, made = layer.implement(make));
  const [value, gate] = made;
  // A constructor or an accessor: its forwarding layer calls the implementation.
  layer.gateInEffect.to = value;
  if (gate === undefined) return;
  // A method: the one in effect before (whose gate now opens to it) leaves the holder.
  gate.to = undefined;
  layer.gateInEffect = gate;
  const { holder, property } = layer;
  const now = Object.getOwnPropertyDescriptor(holder, property);
  if (now?.value === layer.defined.value) Object.defineProperty(holder, property, layer.defined = { ...now, value });
}

function claim(holder: object, property: PropertyKey, make: Function): boolean {
  const index = unclaimed.findIndex((layer) => layer.holder === holder && layer.property === property);
  if (index === -1) return false;
  point(unclaimed.splice(index, 1)[0]!, make);
  return true;
}

/**
 * Runs `install`, a variant of `source`, in place of the variant before: see above. The
 * layers it puts anew are tagged as the source's by install.ts (layersOf).
 */
export function asVariantOf(source: unknown, install: () => void): void {
  unclaimed = layers.filter((layer) => layer.owner === source);
  setClaim(claim);
  try {
    install();
  } finally {
    for (const layer of unclaimed) layer.gateInEffect.to = layer.original;
    unclaimed = [];
  }
}
