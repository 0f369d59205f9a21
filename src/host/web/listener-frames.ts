// Event listeners of an object that the platform dispatches to later (an XMLHttpRequest, a
// FileReader, an IndexedDB request, the global's `unhandledrejection`): the platform's own
// (trusted) events run in a frame chosen for the target — the frame of the request —
// instead of whatever the event loop has. Events that code dispatches itself
// (`dispatchEvent`, untrusted) keep running in the dispatching code's frame.
//
// Each listener gets one wrapper, made on first registration and reused, so what
// addEventListener deduplicates, removeEventListener removes, and `once`/`signal` do is
// unchanged; `handleEvent` is looked up at each call, as the platform does; an `on…`
// handler reads back as the function that was assigned.

import { runInFrame, type Frame } from '../../core/frame';
import { replaceAccessor, replaceMethod } from '../patch';

type Listener = ((this: unknown, event: Event) => unknown) | { handleEvent(event: Event): unknown };
type ListenerMethod = (this: EventTarget, type: string, listener: unknown, options?: unknown) => void;

export type FrameForEvent = (target: object, event: Event) => Frame | undefined;

/**
 * `listenerTarget` is where addEventListener/removeEventListener are shadowed (a prototype,
 * or the global itself); `handlerOwners` are the objects owning the `on…` accessors;
 * `trustedOnly: false` routes untrusted events too (where `frameFor` has a frame for them).
 */
export function routeListeners(
  listenerTarget: object, handlerOwners: readonly object[], frameFor: FrameForEvent,
  types?: ReadonlySet<string>, trustedOnly = true,
): void {
  const wrappers = new WeakMap<object, Function>();
  const originals = new WeakMap<Function, object>();

  const wrap = (listener: Listener): Function => {
    let wrapper = wrappers.get(listener);
    if (wrapper === undefined) {
      wrapper = function (this: unknown, event: Event) {
        const target = (event?.currentTarget ?? this) as object;
        const frame = !trustedOnly || event?.isTrusted === true ? frameFor(target, event) : undefined;
        const plain = typeof listener === 'function';
        // A `handleEvent` that is no function throws from Reflect.apply, in either branch.
        const fn = (plain ? listener : listener.handleEvent) as (event: Event) => unknown;
        const thisArg = plain ? this : listener;
        return frame === undefined ? Reflect.apply(fn, thisArg, [event]) : runInFrame(frame, fn, thisArg, [event]);
      };
      wrappers.set(listener, wrapper);
      originals.set(wrapper, listener);
    }
    return wrapper;
  };
  const routed = (type: unknown, listener: unknown): boolean =>
    (typeof listener === 'function' || (typeof listener === 'object' && listener !== null))
    && (types === undefined || types.has(String(type)));

  for (const key of ['addEventListener', 'removeEventListener'] as const) {
    replaceMethod<ListenerMethod>(listenerTarget, key, (original) => function (this: EventTarget, type: string, listener: unknown) {
      if (!routed(type, listener)) return Reflect.apply(original, this, arguments);
      const args = Array.prototype.slice.call(arguments);
      // Removing never creates a wrapper: a listener never added has none to remove.
      args[1] = key === 'addEventListener' ? wrap(listener as Listener) : wrappers.get(listener as object) ?? listener;
      return Reflect.apply(original, this, args);
    });
  }

  for (const owner of handlerOwners) for (const key of Reflect.ownKeys(owner)) {
    if (typeof key !== 'string' || !key.startsWith('on')) continue;
    if (types !== undefined && !types.has(key.slice(2))) continue;
    replaceAccessor(owner, key, (get, set) => ({
      get(this: object) {
        const value = Reflect.apply(get, this, []);
        return (typeof value === 'function' && originals.get(value)) || value;
      },
      set(this: object, value: unknown) {
        Reflect.apply(set, this, [typeof value === 'function' ? wrap(value as Listener) : value]);
      },
    }));
  }
}
