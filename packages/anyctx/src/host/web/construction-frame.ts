// Callbacks handed to a constructor (the observers) that run in the
// frame in which the object was constructed. For observers (MutationObserver, ResizeObserver,
// IntersectionObserver, PerformanceObserver) the platform
// batches records from many causes into one call, so no single cause's frame would be
// right; the construction frame is the one the observer's author chose.
//
// The engine's layer (patch.ts) builds the platform's own object (its prototype stays the
// platform's, so instanceof, subclassing and the prototype's methods are unchanged).

import { replaceConstructor } from '../patch';
import { inCurrentFrame } from '../callback-scope';

export function callbackInConstructionFrame(global: typeof globalThis, name: string): void {
  replaceConstructor(global, name, (Native) => (newTarget, args) => {
    if (newTarget === undefined) return Reflect.apply(Native, undefined, args); // the platform's TypeError
    const routed = Array.prototype.slice.call(args);
    if (typeof routed[0] === 'function') routed[0] = inCurrentFrame(routed[0]);
    return Reflect.construct(Native, routed, newTarget);
  });
}
