// setImmediate / clearImmediate (Node, Bun, and some browsers' polyfills): like setTimeout.

import { HandleIds, instrumentClearer, instrumentScheduler } from './timers';

export function installImmediate(global: typeof globalThis): void {
  if (typeof (global as { setImmediate?: unknown }).setImmediate !== 'function') return;
  const ids = new HandleIds();
  instrumentScheduler(global, 'setImmediate', 'Immediate', false, ids);
  instrumentClearer(global, 'clearImmediate', ids);
}
