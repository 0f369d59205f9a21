// Installing the engine: every source of the registry (sources.ts) the entry asks for, each
// in the variant of the engine's mode. Without async_hooks the mode is `frames` for good, and
// each source's `frames` variant is installed once, here; the async_hooks half brings the
// switch that chooses by mode and changes its mind (variant-switch.ts).

import { cannotInstrument } from '../core/errors';
import { removeLayers, withLayerRecords } from './layer-records';
import { removeRecordedLayers, uninstrumentable } from './patch';
import { sharedSources, type Source } from './sources';

/** The installed sources, in install order; undefined while the engine is not installed. */
let running: Source[] | undefined;
let switchVariants: (() => void) | undefined;

export function runningSources(): readonly Source[] | undefined {
  return running;
}

/**
 * Called by the async_hooks half when it is loaded, before the engine installs (the entries
 * see to that): `switcher` installs the sources, and switches them from then on.
 */
export function useSwitch(switcher: () => void): void {
  switchVariants = switcher;
}

export function isInstalled(): boolean {
  return running !== undefined;
}

/**
 * Installs the sources every runtime has, then `sources`: the entry chooses them, so a
 * browser build carries no Node source (and no async generator instrumentation unless its
 * transformed code has async generators). Idempotent.
 */
export function installHost(sources: readonly Source[]): void {
  if (running !== undefined) return;
  running = [...sharedSources, ...sources];
  if (switchVariants !== undefined) switchVariants();
  else for (const [frames] of running) frames?.(globalThis);
  // What could not be instrumented stops the install: every layer put is taken off (where
  // the program keeps their records, layer-records.ts), and the error names each one.
  if (uninstrumentable.length > 0) {
    const names = uninstrumentable.splice(0);
    running = undefined;
    removeRecordedLayers?.();
    throw cannotInstrument(names);
  }
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
