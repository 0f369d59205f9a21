// The switch: which variant of each task source runs (sources.ts). The one place that
// decides, at install and whenever the engine's mode changes: when the async_hooks half is
// loaded, and when the first hook is enabled or the last disabled. Each change points the
// engine's layers (patch.ts) at the new variant's code, so no source checks the mode per call.

import { layersOf, removeLayers, withLayerRecords } from './layer-records';
import { sharedSources, type Install, type Sources, type Variants } from './sources';

export interface Running {
  readonly sourceName: string;
  readonly variants: Variants;
  /** The variant installed (undefined: none). */
  installed: Install | undefined;
}

/**
 * What the async_hooks half adds to the switch once it is loaded (host/async-hooks.ts): the
 * variant each source runs in the engine's mode (`ids` or `hooks`), and how a variant takes
 * the place of another (variant-switch.ts). Without it the mode is `frames` for good: each
 * source runs its `frames` variant, installed once.
 */
export interface HookedSwitch {
  variantFor(source: Running): Install | undefined;
  asVariantOf(source: Running, install: () => void): void;
}

/** The installed sources, in install order; undefined while the engine is not installed. */
let running: Running[] | undefined;
let hooked: HookedSwitch | undefined;

/** Gives every running source the variant of the current mode, where it has another. */
export function switchVariants(): void {
  for (const source of running ?? []) {
    const variant = hooked === undefined ? source.variants.frames : hooked.variantFor(source);
    if (variant === source.installed) continue;
    source.installed = variant;
    layersOf(source);
    const install = () => variant?.(globalThis);
    if (hooked === undefined) install();
    else hooked.asVariantOf(source, install);
  }
  layersOf(undefined);
}

/**
 * Called by the async_hooks half when it is loaded (host/async-hooks.ts): from then on the
 * mode is `ids` or `hooks`, as hooks are enabled.
 */
export function useHookedSwitch(switcher: HookedSwitch): void {
  hooked = switcher;
  switchVariants();
}

export function isInstalled(): boolean {
  return running !== undefined;
}

/**
 * Installs the sources every runtime has, then `sources`: the entry chooses them, so a
 * browser build carries no Node source (and no async generator instrumentation unless its
 * transformed code has async generators). Idempotent.
 */
export function installHost(sources: Sources): void {
  if (running !== undefined) return;
  running = Object.entries({ ...sharedSources, ...sources }).map(([sourceName, variants]) => ({ sourceName, variants, installed: undefined }));
  switchVariants();
}

/**
 * Takes off the engine's layers: where other code wrapped one, its wrapper stays and works.
 * Made by a pure call: a program that has it keeps records of the layers (layer-records.ts).
 */
export const uninstall: () => void = /* @__PURE__ */ withLayerRecords(function uninstall(): void {
  if (running === undefined) return;
  running = undefined;
  removeLayers();
});
