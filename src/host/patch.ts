// Replacing a host function with an instrumented one, invisibly and reversibly.
//
// The replacement keeps the original's name, length and own properties (e.g. Node's
// `setTimeout[util.promisify.custom]`), and every replacement can be undone.

interface Applied {
  target: object;
  key: PropertyKey;
  descriptor: PropertyDescriptor;
}

const applied: Applied[] = [];

export function replaceMethod<F extends Function>(target: object, key: PropertyKey, make: (original: F) => F): void {
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (descriptor === undefined || typeof descriptor.value !== 'function') return;
  const original = descriptor.value as F;
  const replacement = make(original);
  for (const own of Reflect.ownKeys(original)) {
    if (own === 'prototype' || own === 'caller' || own === 'arguments') continue;
    const property = Object.getOwnPropertyDescriptor(original, own)!;
    try {
      Object.defineProperty(replacement, own, property);
    } catch {
      // A non-configurable own property of the replacement (none in practice): keep ours.
    }
  }
  Object.defineProperty(target, key, { ...descriptor, value: replacement });
  applied.push({ target, key, descriptor });
}

/** Puts back every original, newest first. */
export function restoreAllMethods(): void {
  for (let i = applied.length - 1; i >= 0; i--) {
    const { target, key, descriptor } = applied[i]!;
    Object.defineProperty(target, key, descriptor);
  }
  applied.length = 0;
}
