// Installing the portable engine's host instrumentation: once, and reversibly.

import { onUnscopedChange, restoreFrame, EMPTY_FRAME } from '../core/frame';
import { restoreAll } from './patch';
import { installPromiseThen, type switchWithHooks } from './promise-then';
import { installPromiseConstructor } from './promise-constructor';
import { installPromiseStatics } from './promise-statics';
import { installPromiseFinally } from './promise-finally';
import { installMicrotask } from './microtask';
import { installTimers } from './timers';

/** Instruments one platform's task source on the global, where the platform has it. */
export type HostSource = (global: typeof globalThis) => void;

/** What the async_hooks layer (async-hooks.ts) changes in the shared sources. */
export interface HookedSources {
  /** Before any source: what the hooks need of the host's own functions. */
  prepare: HostSource;
  promiseThen: typeof switchWithHooks;
  microtask: HostSource;
  timers: HostSource;
}

let hooked: HookedSources | undefined;

/** Called by the async_hooks layer when it is loaded, before the engine installs. */
export function useHookedSources(sources: HookedSources): void {
  hooked = sources;
}

let uninstallThen: (() => void) | undefined;

export function isInstalled(): boolean {
  return uninstallThen !== undefined;
}

/**
 * Instruments what every runtime has (promises, microtasks, timers), then `sources`: the
 * entry chooses them, so a browser build carries no Node source (and no async generator
 * instrumentation unless its transformed code has async generators).
 */
export function installHost(sources: readonly HostSource[]): void {
  if (uninstallThen !== undefined) return;
  const global = globalThis;
  const nativeQueueMicrotask = global.queueMicrotask.bind(global);
  hooked?.prepare(global);

  uninstallThen = installPromiseThen(global.Promise, hooked?.promiseThen);
  installPromiseStatics(global.Promise);
  installPromiseFinally(global.Promise);
  installPromiseConstructor(global);
  (hooked?.microtask ?? installMicrotask)(global);
  (hooked?.timers ?? installTimers)(global);
  for (const source of sources) source(global);

  // Between tasks no context is current: whatever an outermost `enterWith` set is dropped
  // before code the engine cannot see (platform events, uninstrumented callbacks) runs. A
  // microtask is enough: microtasks only run when the stack is empty.
  let resetQueued = false;
  const reset = () => {
    resetQueued = false;
    restoreFrame(EMPTY_FRAME);
  };
  onUnscopedChange(() => {
    if (!resetQueued) {
      resetQueued = true;
      nativeQueueMicrotask(reset);
    }
  });
}

export function uninstall(): void {
  if (uninstallThen === undefined) return;
  uninstallThen();
  uninstallThen = undefined;
  restoreAll();
  onUnscopedChange(undefined);
}
