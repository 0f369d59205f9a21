// Replacing an accessor property (an `on…` event handler attribute), reversibly. The
// host's patch list holds only method and value replacements, so these keep their own.

interface AppliedAccessor {
  target: object;
  key: PropertyKey;
  descriptor: PropertyDescriptor;
}

const applied: AppliedAccessor[] = [];

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

/** Puts back every original accessor, newest first. */
export function restoreAccessors(): void {
  for (let i = applied.length - 1; i >= 0; i--) {
    const { target, key, descriptor } = applied[i]!;
    Object.defineProperty(target, key, descriptor);
  }
  applied.length = 0;
}
