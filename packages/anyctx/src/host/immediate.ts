// setImmediate / clearImmediate (Node, Bun, and some browsers' polyfills): like setTimeout.
// Where it exists, queued destroy hooks run in its phase, as Node runs them.

import { setDestroyScheduler } from '../core/hooks';
import { HandleIds, instrumentClearer, instrumentScheduler } from './timers';

export function installImmediate(global: typeof globalThis): void {
  if (typeof (global as { setImmediate?: unknown }).setImmediate !== 'function') return;
  const nativeSetImmediate = global.setImmediate.bind(global);
  setDestroyScheduler((flush) => nativeSetImmediate(flush));
  instrumentImmediate(global);
}

const immediateIds = /* @__PURE__ */ new HandleIds();

/** The global's setImmediate, or the one of Node's `timers` module. */
export function instrumentImmediate(holder: object): void {
  instrumentScheduler(holder, 'setImmediate', 'Immediate', false, immediateIds);
  instrumentClearer(holder, 'clearImmediate', immediateIds);
}
