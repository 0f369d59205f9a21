// One wrapper per event listener (a function or a `handleEvent` object), made on first
// registration and reused, so that what addEventListener deduplicates, removeEventListener
// removes, and `once`/`signal` do stay unchanged, and an `on…` handler can read back as the
// function that was assigned. `handleEvent` is looked up at each call, as the platform does.
// Shared by carryContext and the web sources' listener routing (web/listener-frames.ts).

type Listener = Function | { handleEvent(event: unknown): unknown };

/** Runs a listener's call (`call`) for `event` in whatever context the owner chooses. */
export type RunListener = (thisArg: unknown, event: unknown, call: () => unknown) => unknown;

/** Whether `value` can be a listener (anything else goes to the platform as it is). */
export const isListener = (value: unknown): value is Listener =>
  typeof value === 'function' || (typeof value === 'object' && value !== null);

export function listenerWrappers(run: RunListener) {
  const wrappers = new WeakMap<object, Function>();
  const originals = new WeakMap<Function, object>();
  return {
    wrapperFor(listener: Listener): Function {
      let wrapper = wrappers.get(listener);
      if (wrapper === undefined) {
        wrapper = function (this: unknown, event: unknown) {
          const plain = typeof listener === 'function';
          // A `handleEvent` that is no function throws from Reflect.apply: the platform's TypeError.
          const fn = (plain ? listener : listener.handleEvent) as Function;
          const thisArg = plain ? this : listener;
          return run(this, event, () => Reflect.apply(fn, thisArg, [event]));
        };
        wrappers.set(listener, wrapper);
        originals.set(wrapper, listener);
      }
      return wrapper;
    },
    /** The wrapper of a listener already wrapped (removing never makes one). A WeakMap
     * answers undefined for a key that cannot be one (a primitive, null). */
    wrapperOf: (listener: unknown): Function | undefined => wrappers.get(listener as object),
    /** What an `on…` getter should show for the platform's `value`. */
    originalOf: (value: unknown): unknown => originals.get(value as Function) ?? value,
  };
}
