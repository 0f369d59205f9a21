// setImmediate / clearImmediate (Node, Bun, and some browsers' polyfills): like setTimeout.
// Where it exists, queued destroy hooks run in its phase, as Node runs them.

import { setDestroyScheduler } from '../core/hooks';
import { HandleIds, instrumentClearer, instrumentScheduler } from './timers';

export function installImmediate(global: typeof globalThis): void {
  if (typeof (global as { setImmediate?: unknown }).setImmediate !== 'function') return;
  const nativeSetImmediate = global.setImmediate.bind(global);
  setDestroyScheduler((flush) => nativeSetImmediate(flush));
  const ids = new HandleIds();
  instrumentScheduler(global, 'setImmediate', 'Immediate', false, ids);
  instrumentClearer(global, 'clearImmediate', ids);
}
