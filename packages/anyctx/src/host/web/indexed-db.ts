// IndexedDB: a request's events (success, error, upgradeneeded, blocked) run in the frame in
// which the request was made — by the method that returned it, or by the cursor's
// continue/advance that re-fires it — and a transaction's (complete, abort, error) in the
// frame of `db.transaction()`. Connection events (versionchange, close) have no request:
// the platform fires them in the empty frame.

import { currentFrame, type Frame } from '../../core/frame';
import { beforeEachCall, replaceMethod } from '../patch';
import { routeListeners } from './listener-frames';

type Constructor = { prototype: object };
type Method = (this: object, ...args: unknown[]) => unknown;

export function installIndexedDb(global: typeof globalThis): void {
  const g = global as unknown as Record<string, Constructor | undefined>;
  const { IDBRequest, IDBOpenDBRequest, IDBTransaction, IDBCursor } = g;
  if (IDBRequest === undefined || IDBTransaction === undefined) return;
  // The request's frame, kept on the objects its events are fired at.
  const frames = new WeakMap<object, Frame>();
  routeListeners(IDBRequest.prototype, frames, IDBOpenDBRequest ? [IDBOpenDBRequest.prototype] : []);
  routeListeners(IDBTransaction.prototype, frames);

  // What a method returns that events are fired at: a request (open, get, put, …) or a
  // transaction; not a store, an index, a number or databases()'s promise.
  const remember = (result: unknown, frame: Frame): void => {
    if (result instanceof EventTarget) frames.set(result, frame);
  };
  for (const name of ['IDBFactory', 'IDBDatabase', 'IDBObjectStore', 'IDBIndex']) {
    const proto = g[name]?.prototype;
    if (proto === undefined) continue;
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === 'constructor' || typeof Object.getOwnPropertyDescriptor(proto, key)?.value !== 'function') continue;
      replaceMethod<Method>(proto, key, (original) => function (this: object) {
        const frame = currentFrame();
        const result = Reflect.apply(original, this, arguments);
        remember(result, frame);
        return result;
      });
    }
  }
  // A cursor's next step fires success again on the request that opened it.
  if (IDBCursor !== undefined) for (const key of ['continue', 'advance', 'continuePrimaryKey']) {
    beforeEachCall<{ request?: object }>(IDBCursor.prototype, key, ({ request }) => {
      if (request !== undefined) frames.set(request, currentFrame());
    });
  }
}
