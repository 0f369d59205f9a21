// Replacing a host function with an instrumented one, invisibly and reversibly.
//
// The replacement keeps the original's name, length and own properties (e.g. Node's
// `setTimeout[util.promisify.custom]`), and every replacement can be undone.

/** Each replacement: target, key, and the target's own descriptor before (undefined: inherited). */
const applied: Array<[object, PropertyKey, PropertyDescriptor | undefined]> = [];

/** Defines `target[key]`, remembering what restoreAll puts back. */
export function define(target: object, key: PropertyKey, descriptor: PropertyDescriptor): void {
  applied.push([target, key, Object.getOwnPropertyDescriptor(target, key)]);
  Object.defineProperty(target, key, descriptor);
}

/** Copies `from`'s own properties but `skip` onto `to`, so that a replacement looks like the original. */
export function copyOwnProperties(from: object, to: object, skip: readonly PropertyKey[] = []): void {
  for (const key of Reflect.ownKeys(from)) {
    if (skip.includes(key)) continue;
    try {
      Object.defineProperty(to, key, Object.getOwnPropertyDescriptor(from, key)!);
    } catch {
      // A non-configurable own property of the replacement (none that matter): keep ours.
    }
  }
}

export function replaceMethod<F extends Function>(target: object, key: PropertyKey, make: (original: F) => F): void {
  // An inherited method (process.emit comes from EventEmitter.prototype) is shadowed by an
  // own property of the target, removed again on restore.
  let found: PropertyDescriptor | undefined;
  for (let o: object | null = target; o !== null && found === undefined; o = Object.getPrototypeOf(o)) {
    found = Object.getOwnPropertyDescriptor(o, key);
  }
  if (found === undefined) return;
  // Deno defines its timer globals as accessors: the function is what the getter returns,
  // and the replacement becomes a plain data property.
  const original: unknown = found.get === undefined ? found.value : Reflect.get(target, key);
  const writable = found.get === undefined ? found.writable : true;
  if (typeof original !== 'function' || (found.configurable === false && writable === false)) return;
  const replacement = make(original as F);
  copyOwnProperties(original, replacement, ['prototype', 'caller', 'arguments']);
  define(target, key, { value: replacement, writable, enumerable: found.enumerable, configurable: found.configurable });
}

/** Replaces `target[key]` by a method that calls `before(this)` and then the original. */
export function beforeEachCall<T>(target: object, key: PropertyKey, before: (self: T) => void): void {
  replaceMethod<Function>(target, key, (original) => function (this: T) {
    before(this);
    return Reflect.apply(original, this, arguments);
  });
}

/** Puts back every original, newest first. */
export function restoreAll(): void {
  for (const [target, key, descriptor] of applied.reverse()) {
    if (descriptor === undefined) Reflect.deleteProperty(target, key);
    else Object.defineProperty(target, key, descriptor);
  }
  applied.length = 0;
}

/** Replaces a property's value (a global constructor), keeping its attributes; reversible. */
export function replaceValue(target: object, key: PropertyKey, value: unknown): void {
  const own = Object.getOwnPropertyDescriptor(target, key);
  if (own !== undefined) define(target, key, { ...own, value });
}

/** Replaces an accessor property (an `on…` event handler attribute) with one made from it. */
export function replaceAccessor(
  target: object, key: PropertyKey,
  make: (get: () => unknown, set: (value: unknown) => void) => { get(): unknown; set(value: unknown): void },
): void {
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (descriptor?.get === undefined || descriptor.set === undefined || !descriptor.configurable) return;
  define(target, key, { ...descriptor, ...make(descriptor.get, descriptor.set) });
}
