// The switch: which variant of each task source runs (sources.ts), in a program with
// async_hooks (host/async-hooks.ts loads it; without, install.ts installs each source's
// `frames` variant once). The one place that decides, whenever the engine's mode changes:
// when the async_hooks half is loaded (at install, or after it, by a chunk loaded on demand),
// and when the first hook is enabled or the last disabled. Each change points the engine's
// layers (patch.ts) at the new variant's code, so no source checks the mode per call.
//
// A variant that asks for a layer where the source's previous variant had one gets that
// layer, pointed again: a method's holder gets the new implementation where the engine's is
// still on top (a wrapper on top stays), and the gate of the one in effect before opens to
// it, for code that holds it; a constructor's or an accessor's forwarding layer calls the new
// implementation. Each variant's implementations are made once (a program that enables and
// disables hooks again and again gets the same functions back). The layers of the previous
// variant that the new one does not ask for forward to the original from then on.

import { enabledHooks } from '../core/hook-layer';
import { layers, layersOf, setClaim, type Layer } from './layer-records';
import { runningSources } from './install';
import { hookedVariants, HOOKS, IDS, variantOf, type Install, type Source } from './sources';
import { defineOwn } from './patch';
import { onGlobalPromiseReplaced } from './promise-then';
import { NativePromise } from '../core/thenable';

let unclaimed: Layer[] = [];

// A Promise put on the global after the engine (zone.js's, promise-then.ts): the source that
// instruments the native `then` installs its variant in effect again, so that the layer on the
// new Promise's `then` is that source's, and follows the mode from then on.
function reinstallThen(): void {
  const owner = layers.find((layer) => layer.holder === NativePromise.prototype && layer.property === 'then')?.owner as Source | undefined;
  const variant = owner === undefined ? undefined : installed.get(owner);
  if (variant !== undefined) asVariantOf(owner!, () => variant(globalThis));
}

/** Points `layer` at `make`'s implementation. */
function point(layer: Layer, make: Function): void {
  // Indexed, not destructured or iterated: a program may have taken
  // Array.prototype[Symbol.iterator] away before enabling a hook.
  let implementations = layer.implementations;
  if (implementations === undefined) (implementations = layer.implementations = new Map()).set(layer.firstMade[0], layer.firstMade[1]);
  let made = implementations.get(make);
  if (made === undefined) implementations.set(make, made = layer.implement(make));
  const value = made[0];
  const gate = made[1];
  // A constructor or an accessor: its forwarding layer calls the implementation.
  layer.gateInEffect.to = value;
  if (gate === undefined) return;
  // A method: the one in effect before (whose gate now opens to it) leaves the holder.
  gate.to = undefined;
  layer.gateInEffect = gate;
  const { holder, property } = layer;
  const now = Object.getOwnPropertyDescriptor(holder, property);
  // An accessor stays: the one in effect before forwards to the new one.
  if (typeof value === 'function' && now?.value === layer.defined.value) defineOwn(holder, property, layer.defined = { ...now, value });
}

function claim(holder: object, property: PropertyKey, make: Function): boolean {
  const index = unclaimed.findIndex((layer) => layer.holder === holder && layer.property === property);
  if (index === -1) return false;
  point(unclaimed.splice(index, 1)[0]!, make);
  return true;
}

/** The variant `source` runs in `mode`: its own, or that of the mode before. */
function variantFor(source: Source, mode: number): Install | undefined {
  const hooked = hookedVariants.get(source);
  return variantOf(hooked, mode) ?? variantOf(source, mode) ?? (mode > 0 ? variantFor(source, mode - 1) : undefined);
}

/** The variant installed of each running source, for the sources running then. */
let installed = new Map<Source, Install | undefined>();
let installedFor: readonly Source[] | undefined;

/** Gives every running source the variant of the current mode, where it has another. */
export function switchVariants(): void {
  onGlobalPromiseReplaced(reinstallThen);
  const running = runningSources();
  if (running !== installedFor) {
    installed = new Map();
    installedFor = running;
  }
  for (let i = 0; running !== undefined && i < running.length; i++) {
    const source = running[i]!;
    const variant = variantFor(source, enabledHooks > 0 ? HOOKS : IDS);
    if (variant === installed.get(source)) continue;
    installed.set(source, variant);
    asVariantOf(source, () => variant?.(globalThis));
  }
}

/**
 * Runs `install`, a variant of `source`, in place of the variant before: see above. The
 * layers it puts anew are tagged as the source's.
 */
function asVariantOf(source: Source, install: () => void): void {
  unclaimed = layers.filter((layer) => layer.owner === source);
  setClaim(claim);
  layersOf(source);
  try {
    install();
  } finally {
    for (let i = 0; i < unclaimed.length; i++) unclaimed[i]!.gateInEffect.to = unclaimed[i]!.original;
    unclaimed = [];
    layersOf(undefined);
  }
}
