// Installing the engine: every source of the registry (sources.ts) the entry asks for, each
// in the variant of the engine's mode. Without async_hooks the mode is `frames` for good, and
// each source's `frames` variant is installed once, here; the async_hooks half brings the
// switch that chooses by mode and changes its mind (variant-switch.ts).

import { cannotInstrument, incompatibleEngine } from '../core/errors';
import { removeLayers, withLayerRecords } from './layer-records';
import { defineOwn, removeRecordedLayers, uninstrumentable } from './patch';
import { FRAMES, sharedSources, variantOf, type Source } from './sources';

const REGISTRATION = Symbol.for('anyctx.engine');
const major = (version: string) => /^0\.\d+|^\d+/.exec(version)?.[0];
/** This copy: its version, and where it was loaded from (the first file of its stack). */
const thisCopy = {
  version: __ANYCTX_VERSION__,
  location: /([^\s(@]+):\d+:\d+\)?$/m.exec(new Error().stack!)?.[1],
};

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
  // Two copies of the engine in one program (two versions in node_modules, a bundle and a
  // CDN script) each carry only their own storages' context: the first registers itself on
  // the global, and a copy of another major version (of 0.x, another minor) stops here.
  const first = (globalThis as any)[REGISTRATION] as typeof thisCopy | undefined;
  if (first === undefined) {
    // A frozen global takes no registration: the layers on it fail, and install throws below.
    if (Object.isExtensible(globalThis)) defineOwn(globalThis, REGISTRATION, { value: thisCopy, configurable: true });
  } else if (first !== thisCopy && major(first.version) !== major(thisCopy.version)) throw incompatibleEngine(thisCopy, first);
  running = [...sharedSources, ...sources];
  if (switchVariants !== undefined) switchVariants();
  else for (const source of running) variantOf(source, FRAMES)?.(globalThis);
  // What could not be instrumented stops the install: every layer put is taken off (where
  // the program keeps their records, layer-records.ts), and the error names each one.
  if (uninstrumentable.length > 0) {
    const names = uninstrumentable.splice(0);
    running = undefined;
    delete (globalThis as any)[REGISTRATION];
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
  if ((globalThis as any)[REGISTRATION] === thisCopy) delete (globalThis as any)[REGISTRATION];
  removeLayers();
});
