// The global's `unhandledrejection` event (browsers, workers, Deno): a handler runs in the
// frame that was current when the promise was rejected, as Node's process
// 'unhandledRejection' does. Where the engine did not see the rejection, the platform's frame
// (empty) stays; so it does for `rejectionhandled`, as for Node's 'rejectionHandled'. Node
// fires no such event on globalThis: nothing to do there.

import { routeListeners } from './listener-frames';
import { frameOfRejection } from '../../core/rejection';
import { presentsAsNode } from '../presents-as-node';

const types = new Set(['unhandledrejection']);

export function installUnhandledRejectionEvent(global: typeof globalThis): void {
  if (typeof (global as { addEventListener?: unknown }).addEventListener !== 'function') return;
  if (presentsAsNode(global)) return;
  // Handler attributes sit on the global itself or on its interface's prototype.
  const owners: object[] = [];
  for (let o: object | null = Object.getPrototypeOf(global); o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    if (Object.getOwnPropertyDescriptor(o, 'onunhandledrejection') !== undefined) owners.push(o);
  }
  // Not only trusted events: Firefox fires these in workers untrusted. A rejection the
  // engine saw has its frame whoever dispatches the event; other events keep the dispatcher's.
  routeListeners(global, { get: (_target, event) => frameOfRejection((event as PromiseRejectionEvent).promise) }, owners, types, false);
}
