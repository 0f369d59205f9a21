// Event listeners of an object that the platform dispatches to later (an XMLHttpRequest, a
// FileReader, an IndexedDB request, the global's `unhandledrejection`): the platform's own
// (trusted) events run in a frame chosen for the target — the frame of the request —
// instead of whatever the event loop has. Events that code dispatches itself
// (`dispatchEvent`, untrusted) keep running in the dispatching code's frame.
//
// Listeners are wrapped by listenerWrappers (../listener-wrappers.ts, shared with carryContext): identity, removal,
// `once`/`signal` and `on…` read-back stay the user's.

import { runInFrame, type Frame } from '../../core/frame';
import { replaceAccessor, replaceMethod } from '../patch';
import { isListener, listenerWrappers } from '../listener-wrappers';

type ListenerMethod = (this: EventTarget, type: string, listener: unknown, options?: unknown) => void;

/** The frame for an event at `target`: a WeakMap of request frames is one. */
export interface FramesOfEvents { get(target: object, event: Event): Frame | undefined }

/**
 * `listenerTarget` is where addEventListener/removeEventListener are shadowed (a prototype,
 * or the global itself); it and `moreHandlerOwners` own the `on…` accessors;
 * `trustedOnly: false` routes untrusted events too (where `frames` has a frame for them).
 */
export function routeListeners(
  listenerTarget: object, frames: FramesOfEvents, moreHandlerOwners: readonly object[] = [],
  types?: ReadonlySet<string>, trustedOnly = true,
): void {
  const wrappers = listenerWrappers((thisArg, event, call) => {
    const e = event as Event | undefined;
    const frame = !trustedOnly || e?.isTrusted === true ? frames.get((e?.currentTarget ?? thisArg) as object, e!) : undefined;
    return frame === undefined ? call() : runInFrame(frame, call, undefined, []);
  });
  const routed = (type: unknown, listener: unknown): boolean =>
    isListener(listener) && (types === undefined || types.has(String(type)));

  for (const key of ['addEventListener', 'removeEventListener'] as const) {
    replaceMethod<ListenerMethod>(listenerTarget, key, (original) => function (this: EventTarget, type: string, listener: unknown) {
      if (!routed(type, listener)) return Reflect.apply(original, this, arguments);
      const args = Array.prototype.slice.call(arguments);
      args[1] = key === 'addEventListener' ? wrappers.wrapperFor(listener as Function) : wrappers.wrapperOf(listener) ?? listener;
      return Reflect.apply(original, this, args);
    });
  }

  for (const owner of [listenerTarget, ...moreHandlerOwners]) for (const key of Reflect.ownKeys(owner)) {
    if (typeof key !== 'string' || !key.startsWith('on')) continue;
    if (types !== undefined && !types.has(key.slice(2))) continue;
    replaceAccessor(owner, key, (get, set) => ({
      get(this: object) {
        return wrappers.originalOf(Reflect.apply(get, this, []));
      },
      set(this: object, value: unknown) {
        Reflect.apply(set, this, [typeof value === 'function' ? wrappers.wrapperFor(value) : value]);
      },
    }));
  }
}
