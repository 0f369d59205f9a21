// Installing the portable engine's host instrumentation: once, and reversibly.

import { onUnscopedChange, restoreFrame, EMPTY_FRAME } from '../core/frame';
import { setExecution, TOP_LEVEL_RESOURCE } from '../core/execution';
import { setDestroyScheduler, setHookErrorHandler } from '../core/hooks';
import { restoreAll } from './patch';
import { installPromiseThen } from './promise-then';
import { installPromiseConstructor } from './promise-constructor';
import { installPromiseStatics } from './promise-statics';
import { installPromiseFinally } from './promise-finally';
import { installProcessErrorFrames } from './process-events';
import { installMicrotask } from './microtask';
import { installTimers } from './timers';
import { installImmediate } from './immediate';
import { installNextTick } from './next-tick';
import { installNodeMessagePort } from './node-message-port';
import { installAsyncGenerator } from './async-generator';
import { awaitFrames } from '../core/await-frames';
import { AWAIT_HELPERS_KEY } from '../core/global-keys';
import * as web from './web';

interface NodeProcess {
  versions?: { node?: string };
  exit?(code: number): never;
  _rawDebug?(message: string): void;
}

let uninstallThen: (() => void) | undefined;

export function isInstalled(): boolean {
  return uninstallThen !== undefined;
}

export function install(): void {
  if (uninstallThen !== undefined) return;
  const global = globalThis;
  const nativeQueueMicrotask = global.queueMicrotask.bind(global);
  const nativeSetImmediate = typeof global.setImmediate === 'function' ? global.setImmediate.bind(global) : undefined;

  uninstallThen = installPromiseThen(global.Promise);
  installPromiseStatics(global.Promise);
  installPromiseFinally(global.Promise);
  installPromiseConstructor(global);
  installProcessErrorFrames(global);
  installMicrotask(global);
  installTimers(global);
  installImmediate(global);
  installNextTick(global);
  installNodeMessagePort(global);
  installAsyncGenerator();
  web.installAnimationFrame(global);
  web.installIdleCallback(global);
  web.installPostTask(global);
  web.installXmlHttpRequest(global);
  web.installFileReader(global);
  web.installIndexedDb(global);
  web.installMutationObserver(global);
  web.installResizeObserver(global);
  web.installIntersectionObserver(global);
  web.installPerformanceObserver(global);
  web.installUnhandledRejectionEvent(global);
  web.installFinalizationRegistry(global);

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

  const proc = (global as { process?: NodeProcess }).process;
  if (nativeSetImmediate !== undefined) setDestroyScheduler((flush) => nativeSetImmediate(flush));
  if (typeof proc?.versions?.node === 'string' && typeof proc.exit === 'function') {
    // Node: a throwing hook prints the error and ends the process.
    setHookErrorHandler((error) => {
      const stack = (error as Error)?.stack;
      const print = proc._rawDebug ?? ((message: string) => console.error(message));
      print.call(proc, typeof stack === 'string' ? stack : String(error));
      proc.exit!(1);
    });
  }
}

export function uninstall(): void {
  if (uninstallThen === undefined) return;
  uninstallThen();
  uninstallThen = undefined;
  restoreAll();
  onUnscopedChange(undefined);
  delete (globalThis as Record<symbol, unknown>)[Symbol.for(AWAIT_HELPERS_KEY)];
}
