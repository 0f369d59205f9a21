// Installing the engine: every source of the registry (sources.ts) the entry asks for, each
// in the variant of the engine's mode. Without async_hooks the mode is `frames` for good, and
// each source's `frames` variant is installed once, here; the async_hooks half brings the
// switch that chooses by mode and changes its mind (variant-switch.ts).

import { asyncHooksBesideEngine, cannotInstrument, incompatibleEngine } from '../core/errors';
import { context } from '../core/frame';
import { removeLayers, withLayerRecords } from './layer-records';
import { defineOwn, removeRecordedLayers, uninstrumentable } from './patch';
import { FRAMES, sharedSources, variantOf, type Source } from './sources';

// Two copies of the engine in one program (two versions in node_modules, a bundle and a CDN
// script). The first to install registers itself on the global; a later copy that shares its
// context (core/frame.ts: the same protocol, so the same frames, current frame and slots) and
// its major version (of 0.x, its minor) uses its layers and installs none of its own, so that
// the storages of both keep their values through every task source and await helper of
// either. Any other copy stops at install, naming both. The registration's fields are read by
// name by every copy: never in the list of shortened properties (build-options.mjs).
const REGISTRATION = Symbol.for('anyctx.engine');
const major = (version: string) => /^0\.\d+|^\d+/.exec(version)?.[0];

/** The async_hooks API of a copy that has the async_hooks half, by export name (host/async-hooks.ts). */
export type AsyncHooksApi = Record<string, unknown>;

/** A copy as its registration names it. */
interface Registration {
  version: string;
  /** Where it was loaded from: the first file of its stack. */
  location: string | undefined;
  /** The context it uses (core/frame.ts). */
  context: object;
  /** Its async_hooks API, once its async_hooks half is loaded. */
  asyncHooks?: AsyncHooksApi;
}

const thisCopy: Registration = {
  version: __ANYCTX_VERSION__,
  location: /([^\s(@]+):\d+:\d+\)?$/m.exec(new Error().stack!)?.[1],
  context,
};

/** The installed sources, in install order; undefined while the engine is not installed. */
let running: Source[] | undefined;
let switchVariants: (() => void) | undefined;
/** The first copy, whose layers this one uses (installHost): its registration. */
let joined: Registration | undefined;

const registered = (): Registration | undefined => (globalThis as any)[REGISTRATION];

/** Whether `first`, another copy, shares this one's context and major version. */
const compatible = (first: Registration) => first.context === context && major(first.version) === major(thisCopy.version);

const usesFirst = () => joined !== undefined && registered() === joined;

/** Sources an export asks for when it is evaluated (before the entry installs), by a pure call. */
const requested: Source[] = [];

export function requestSource(source: Source): void {
  requested.push(source);
}

export function runningSources(): readonly Source[] | undefined {
  return running;
}

/**
 * Called by the async_hooks half when it is loaded, before the engine installs (the entries
 * see to that): `switcher` installs the sources, and switches them from then on. Its API is
 * registered for a later copy to use (asyncHooksOfFirst).
 */
export function useSwitch(switcher: () => void, api: AsyncHooksApi): void {
  // In a copy that uses (or will use, at install) the layers of a first without async_hooks,
  // whose layers would never call its hooks: stops (at import, or where loaded on demand). A
  // first with async_hooks gave this copy's exports its own (asyncHooksOfFirst): none is loaded.
  const first = running === undefined ? registered() : undefined;
  if (first !== undefined && compatible(first)) throw asyncHooksBesideEngine(thisCopy, first);
  switchVariants = switcher;
  thisCopy.asyncHooks = api;
}

/**
 * The async_hooks API of the first copy, where this copy will use its layers: the exports of
 * this copy's are the first's (the ids and hooks its layers keep). Undefined where this copy
 * installs its own layers, or where the first has no async_hooks half (then this one loads
 * its own, and install stops: its hooks would see none of the first's tasks).
 */
export function asyncHooksOfFirst(): AsyncHooksApi | undefined {
  const first = running === undefined ? registered() : undefined;
  return first !== undefined && compatible(first) ? first.asyncHooks : undefined;
}

export function isInstalled(): boolean {
  return running !== undefined || usesFirst();
}

/**
 * Installs the sources every runtime has, then `sources`: the entry chooses them, so a
 * browser build carries no Node source (and no async generator instrumentation unless its
 * transformed code has async generators). Idempotent.
 */
export function installHost(sources: readonly Source[]): void {
  if (running !== undefined || usesFirst()) return;
  const first = registered();
  if (first !== undefined) {
    // Nor where this copy has an async_hooks half of its own (installed again after the first
    // copy's uninstall, beside another's layers): its hooks would see none of their tasks.
    if (!compatible(first) || switchVariants !== undefined) throw incompatibleEngine(thisCopy, first);
    joined = first;
    return;
  }
  // A frozen global takes no registration: the layers on it fail, and install throws below.
  if (Object.isExtensible(globalThis)) defineOwn(globalThis, REGISTRATION, { value: thisCopy, configurable: true });
  running = [...sharedSources, ...sources, ...requested];
  if (switchVariants !== undefined) switchVariants();
  else for (const source of running) variantOf(source, FRAMES)?.(globalThis);
  // What could not be instrumented stops the install: every layer put is taken off (where
  // the program keeps their records, layer-records.ts), and the error names each one.
  if (uninstrumentable.length > 0) {
    const names = uninstrumentable.splice(0);
    running = undefined;
    if (registered() === thisCopy) delete (globalThis as any)[REGISTRATION];
    removeRecordedLayers?.();
    throw cannotInstrument(names);
  }
}

/**
 * Takes off the engine's layers: where other code wrapped one, its wrapper stays and works.
 * Made by a pure call: a program that has it keeps records of the layers (layer-records.ts).
 * In a copy that uses the first copy's layers, nothing: they are the first's, which the first's
 * own uninstall() takes off (for both).
 */
export const uninstall: () => void = /* @__PURE__ */ withLayerRecords(function uninstall(): void {
  if (running === undefined) return;
  running = undefined;
  if (registered() === thisCopy) delete (globalThis as any)[REGISTRATION];
  // A layer still to be laid (host/sync-generator.ts) is not.
  context.creationRuleStarts = undefined;
  removeLayers();
});
