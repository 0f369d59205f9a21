// Errors shaped like Node's internal ones: the same class and `code`, and Node's wording, so
// code that checks `err.code` behaves the same on every runtime.

type ErrorClass = new (message: string) => Error;

function coded<E extends Error>(Base: ErrorClass, code: string, message: string): E {
  const error = new Base(message) as E & { code: string };
  // A plain assignment, as Node makes it: own, enumerable, writable.
  error.code = code;
  // Node prints coded errors as `TypeError [CODE]: message`; the first colon ends the name.
  if (typeof error.stack === 'string') error.stack = error.stack.replace(':', ` [${code}]:`);
  return error;
}

/** What was received, in the words of Node's ERR_INVALID_ARG_TYPE (values unabridged). */
function received(value: unknown): string {
  if (value == null) return `${value}`;
  if (typeof value === 'function') return `function ${value.name || '<anonymous>'}`;
  if (typeof value === 'object') return `an instance of ${(value as object).constructor?.name ?? 'Object'}`;
  return `type ${typeof value} (${typeof value === 'string' ? `'${value}'` : String(value)})`;
}

/** ERR_INVALID_ARG_TYPE for an argument. */
export function invalidArgType(name: string, type: string, value: unknown): TypeError {
  return coded(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" argument must be of type ${type}. Received ${received(value)}`);
}

/** ERR_INVALID_ARG_VALUE, in Node's words for a property. */
export function invalidArgValue(name: string, value: unknown, reason: string): TypeError {
  return coded(TypeError, 'ERR_INVALID_ARG_VALUE', `The property '${name}' ${reason}. Received ${received(value)}`);
}

export function invalidAsyncId(name: string, value: unknown): RangeError {
  return coded(RangeError, 'ERR_INVALID_ASYNC_ID', `Invalid ${name} value: ${String(value)}`);
}

export function asyncCallback(name: string): TypeError {
  return coded(TypeError, 'ERR_ASYNC_CALLBACK', `${name} must be a function`);
}

export function asyncType(type: unknown): TypeError {
  return coded(TypeError, 'ERR_ASYNC_TYPE', `Invalid name for async "type": ${String(type)}`);
}

interface Types { function: Function; string: string; object: object }

/** Throws ERR_INVALID_ARG_TYPE unless `typeof value` is `type` (for 'object': not null, not an array). */
export function validate<T extends keyof Types>(value: unknown, type: T, name: string): asserts value is Types[T] {
  if (typeof value !== type || (type === 'object' && (value === null || Array.isArray(value)))) throw invalidArgType(name, type, value);
}
