// Errors shaped like Node's internal ones: the same class and `code`, and Node's wording, so
// code that checks `err.code` behaves the same on every runtime.

type ErrorClass = new (message: string) => Error;

/** By class name: the prototype of the coded errors of that class (see coded). */
const codedPrototypes: Record<string, Error> = { __proto__: null } as unknown as Record<string, Error>;

function coded<E extends Error>(Base: ErrorClass, code: string, message: string): E {
  const error = new Base(message) as E & { code: string };
  // A plain assignment, as Node makes it: own, enumerable, writable.
  error.code = code;
  // Node prints coded errors as `TypeError [CODE]: message`, in the stack (the first colon
  // ends the name) and from String(): their prototype, below the class's, has a toString
  // that shows the code. One such prototype per class here, where Node has one per code.
  if (typeof error.stack === 'string') error.stack = error.stack.replace(':', ` [${code}]:`);
  // Not enumerable, as a class's method (a for-in of the error gives `code` alone); the
  // descriptor inherits nothing.
  Object.setPrototypeOf(error, (codedPrototypes[Base.name] ??= Object.create(Base.prototype, {
    toString: { __proto__: null, writable: true, configurable: true, value: codedToString } as PropertyDescriptor,
  })));
  return error;
}

function codedToString(this: Error & { code: string }): string {
  return `${this.name} [${this.code}]: ${this.message}`;
}

/** A value as Node's `%s` prints a primitive: bigints with their `n`, and `-0` (an object is
 * left to String(), where Node would inspect it). */
function primitive(value: unknown): string {
  return typeof value === 'bigint' ? `${value}n` : Object.is(value, -0) ? '-0' : String(value);
}

/** What was received, in the words of Node's ERR_INVALID_ARG_TYPE (its determineSpecificType). */
function received(value: unknown): string {
  if (value == null) return `${value}`;
  if (typeof value === 'function') return `function ${value.name}`;
  if (typeof value === 'object') {
    const constructor = (value as { constructor?: Function }).constructor;
    // Node's test, `in` included (which throws for a primitive `constructor`, as Node's does).
    if (constructor && 'name' in constructor) return `an instance of ${constructor.name}`;
    // Node's inspect at depth -1 of an object without a named constructor (enumerable
    // symbol keys aside).
    const empty = Object.keys(value).length === 0;
    if (Object.getPrototypeOf(value) === null) return empty ? '[Object: null prototype] {}' : '[Object: null prototype]';
    return empty ? '{}' : '[Object]';
  }
  if (typeof value !== 'string') return `type ${typeof value} (${primitive(value)})`;
  // Long strings are cut, and quoted with double quotes where they hold a single one.
  const shown = value.length > 28 ? `${value.slice(0, 25)}...` : value;
  return `type string (${shown.includes("'") ? JSON.stringify(shown) : `'${shown}'`})`;
}

/** ERR_INVALID_ARG_TYPE for an argument. */
export function invalidArgType(name: string, type: string, value: unknown): TypeError {
  // Node's wording: a dotted name (`options.name`) is a property.
  return coded(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" ${name.includes('.') ? 'property' : 'argument'} must be of type ${type}. Received ${received(value)}`);
}

/** ERR_INVALID_ARG_VALUE, in Node's words for a property. */
export function invalidArgValue(name: string, value: unknown, reason: string): TypeError {
  return coded(TypeError, 'ERR_INVALID_ARG_VALUE', `The property '${name}' ${reason}. Received ${received(value)}`);
}

export function invalidAsyncId(name: string, value: unknown): RangeError {
  return coded(RangeError, 'ERR_INVALID_ASYNC_ID', `Invalid ${name} value: ${primitive(value)}`);
}

export function asyncCallback(name: string): TypeError {
  return coded(TypeError, 'ERR_ASYNC_CALLBACK', `${name} must be a function`);
}

export function asyncType(type: unknown): TypeError {
  return coded(TypeError, 'ERR_ASYNC_TYPE', `Invalid name for async "type": ${primitive(type)}`);
}

interface Types { function: Function; string: string; object: object }

/** Throws ERR_INVALID_ARG_TYPE unless `typeof value` is `type` (for 'object': not null, not an array). */
export function validate<T extends keyof Types>(value: unknown, type: T, name: string): asserts value is Types[T] {
  if (typeof value !== type || (type === 'object' && (value === null || Array.isArray(value)))) throw invalidArgType(name, type, value);
}

/**
 * ANYCTX_CANNOT_INSTRUMENT: install found host functions it must instrument frozen (or
 * non-writable and non-configurable), as a lockdown leaves them. The engine's own code, not
 * Node's: thrown at install, naming each one, rather than losing their context silently.
 */
export function cannotInstrument(names: readonly string[]): Error {
  return coded(Error, 'ANYCTX_CANNOT_INSTRUMENT', `anyctx could not instrument ${names.join(', ')}: frozen or read-only`);
}

/**
 * ANYCTX_INCOMPATIBLE_ENGINE: a second copy of the portable engine, of another major version
 * than the one installed first, is installing (two versions in node_modules, a bundle and a
 * CDN script). Each copy would carry only its own storages' context.
 */
export function incompatibleEngine(copy: Copy, first: Copy): Error {
  const name = ({ version, location }: Copy) => `anyctx ${version} (${location})`;
  return coded(Error, 'ANYCTX_INCOMPATIBLE_ENGINE', `${name(copy)} cannot run beside ${name(first)}, installed first`);
}

interface Copy { version: string; location?: string }

/**
 * ANYCTX_INCOMPATIBLE_ENGINE too: a second copy that would use the first's layers has the
 * async_hooks half, and the first has not: its hooks and ids would see none of the tasks.
 */
export function asyncHooksBesideEngine(copy: Copy, first: Copy): Error {
  const error = incompatibleEngine(copy, first);
  error.message += ', which has no async_hooks';
  return error;
}

/** ERR_INVALID_ARG_VALUE, in Node's words for an argument whose value is a primitive other than a string. */
export function invalidArgumentValue(name: string, value: unknown, reason: string): TypeError {
  return coded(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument '${name}' ${reason}. Received ${primitive(value)}`);
}
