// Replacing a host function with an instrumented one, invisibly and reversibly.
//
// The replacement keeps the original's name, length and own properties (e.g. Node's
// `setTimeout[util.promisify.custom]`), and every replacement can be undone.

interface Applied {
  target: object;
  key: PropertyKey;
  /** The target's own descriptor before, or undefined when the method was inherited. */
  descriptor: PropertyDescriptor | undefined;
}

function findDescriptor(target: object, key: PropertyKey): PropertyDescriptor | undefined {
  for (let o: object | null = target; o !== null; o = Object.getPrototypeOf(o)) {
    const descriptor = Object.getOwnPropertyDescriptor(o, key);
    if (descriptor !== undefined) return descriptor;
  }
  return undefined;
}

const applied: Applied[] = [];

export function replaceMethod<F extends Function>(target: object, key: PropertyKey, make: (original: F) => F): void {
  // An inherited method (process.emit comes from EventEmitter.prototype) is shadowed by an
  // own property of the target, removed again on restore.
  const found = findDescriptor(target, key);
  if (found === undefined) return;
  // Deno defines its timer globals as accessors: the function is what the getter returns,
  // and the replacement becomes a plain data property.
  const descriptor: PropertyDescriptor = found.get === undefined ? found
    : { value: Reflect.get(target, key), writable: true, enumerable: found.enumerable, configurable: found.configurable };
  if (typeof descriptor.value !== 'function') return;
  if (descriptor.configurable === false && descriptor.writable === false) return;
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
  const own = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { value: replacement, writable: descriptor.writable, enumerable: descriptor.enumerable, configurable: descriptor.configurable });
  applied.push({ target, key, descriptor: own });
}

/** Puts back every original, newest first. */
export function restoreAll(): void {
  for (let i = applied.length - 1; i >= 0; i--) {
    const { target, key, descriptor } = applied[i]!;
    if (descriptor === undefined) Reflect.deleteProperty(target, key);
    else Object.defineProperty(target, key, descriptor);
  }
  applied.length = 0;
}

/** Replaces a property's value (a global constructor), keeping its attributes; reversible. */
export function replaceValue(target: object, key: PropertyKey, value: unknown): void {
  const own = Object.getOwnPropertyDescriptor(target, key);
  if (own === undefined) return;
  Object.defineProperty(target, key, { ...own, value });
  applied.push({ target, key, descriptor: own });
}

/** Replaces an accessor property (an `on…` event handler attribute) with one made from it. */
export function replaceAccessor(
  target: object, key: PropertyKey,
  make: (get: () => unknown, set: (value: unknown) => void) => { get(): unknown; set(value: unknown): void },
): void {
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (descriptor?.get === undefined || descriptor.set === undefined || !descriptor.configurable) return;
  const { get, set } = make(descriptor.get, descriptor.set);
  Object.defineProperty(target, key, { ...descriptor, get, set });
  applied.push({ target, key, descriptor });
}
