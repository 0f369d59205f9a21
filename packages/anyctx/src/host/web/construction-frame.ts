// Callbacks handed to a constructor (the observers, FinalizationRegistry) that run in the
// frame in which the object was constructed. For observers (MutationObserver, ResizeObserver,
// IntersectionObserver, PerformanceObserver) the platform
// batches records from many causes into one call, so no single cause's frame would be
// right; the construction frame is the one the observer's author chose.
//
// The replacement constructor builds the platform's own object (its prototype stays the
// platform's, so instanceof, subclassing and the prototype's methods are unchanged).

import { copyOwnProperties, replaceValue } from '../patch';
import { inCurrentFrame } from '../callback-scope';

type ObserverConstructor = new (callback: Function, ...rest: unknown[]) => object;

export function callbackInConstructionFrame(global: typeof globalThis, name: string): void {
  const Native = (global as Record<string, unknown>)[name] as ObserverConstructor | undefined;
  if (typeof Native !== 'function') return;
  const Observer: Function = function (this: unknown, callback: unknown, ...rest: unknown[]): unknown {
    if (new.target === undefined) return Reflect.apply(Native as unknown as Function, this, [callback, ...rest]); // the platform's TypeError
    const routed = typeof callback === 'function' ? inCurrentFrame(callback) : callback;
    return Reflect.construct(Native, [routed, ...rest], (new.target as unknown) === Observer ? Native : new.target);
  };
  // Its prototype too: instances and subclasses stay the platform's.
  copyOwnProperties(Native, Observer);
  replaceValue(global, name, Observer);
}
