// Installing the portable engine's host instrumentation: once, and reversibly.

import { onUnscopedChange, restoreFrame, EMPTY_FRAME } from '../core/frame';
import { setExecution, TOP_LEVEL_RESOURCE } from '../core/execution';
import { setDestroyScheduler } from '../core/hooks';
import { restoreAll } from './patch';
import { installPromiseThen } from './promise-then';
import { installPromiseConstructor } from './promise-constructor';
import { installPromiseStatics } from './promise-statics';
import { installPromiseFinally } from './promise-finally';
import { installMicrotask } from './microtask';
import { installTimers } from './timers';
import { installAsyncGenerator } from './async-generator';
import { awaitFrames } from '../core/await-frames';
import { AWAIT_HELPERS_KEY } from '../core/global-keys';

/** Instruments one platform's task source on the global, where the platform has it. */
export type HostSource = (global: typeof globalThis) => void;

let uninstallThen: (() => void) | undefined;

export function isInstalled(): boolean {
  return uninstallThen !== undefined;
}

/**
 * Instruments what every runtime has (promises, microtasks, timers, async generators), then
 * `sources`: the entry chooses them, so a browser build carries no Node source.
 */
export function installHost(sources: readonly HostSource[]): void {
  if (uninstallThen !== undefined) return;
  const global = globalThis;
  const nativeQueueMicrotask = global.queueMicrotask.bind(global);
  const nativeSetTimeout = global.setTimeout.bind(global);
  // Destroy callbacks run in a batch after the current callback (on Node in its check phase:
  // the setImmediate source sets that). Through the host's own timer: an instrumented one
  // would make a resource of its own, whose destroy would schedule another flush, forever.
  setDestroyScheduler((flush) => nativeSetTimeout(flush, 0));

  uninstallThen = installPromiseThen(global.Promise);
  installPromiseStatics(global.Promise);
  installPromiseFinally(global.Promise);
  installPromiseConstructor(global);
  installMicrotask(global);
  installTimers(global);
  installAsyncGenerator();
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
  // The same for execution ids: the top-level id lasts for the synchronous main script only.
  nativeQueueMicrotask(() => setExecution(0, 0, TOP_LEVEL_RESOURCE));

  // Transformed scripts that cannot import (helpers: 'global') find the helpers here.
  (global as Record<symbol, unknown>)[Symbol.for(AWAIT_HELPERS_KEY)] = awaitFrames;
}

export function uninstall(): void {
  if (uninstallThen === undefined) return;
  uninstallThen();
  uninstallThen = undefined;
  restoreAll();
  onUnscopedChange(undefined);
  delete (globalThis as Record<symbol, unknown>)[Symbol.for(AWAIT_HELPERS_KEY)];
}
