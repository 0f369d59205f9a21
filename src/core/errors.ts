// Errors shaped like Node's internal ones: the same class, `code`, and message format,
// so code that checks `err.code` behaves the same on every runtime.

type ErrorClass = new (message: string) => Error;

function coded<E extends Error>(Base: ErrorClass, code: string, message: string): E {
  const error = new Base(message) as E & { code: string };
  Object.defineProperty(error, 'code', { value: code, enumerable: true, writable: true, configurable: true });
  // Node prints coded errors as `TypeError [CODE]: message`.
  if (typeof error.stack === 'string') {
    error.stack = error.stack.replace(`${error.name}:`, `${error.name} [${code}]:`);
  }
  return error;
}

/** How Node's ERR_INVALID_ARG_TYPE describes the value it received. */
function describeReceived(value: unknown): string {
  if (value == null) return ` Received ${value}`;
  if (typeof value === 'function') return ` Received function ${value.name || '<anonymous>'}`;
  if (typeof value === 'object') {
    const name = (value as object).constructor?.name;
    return name ? ` Received an instance of ${name}` : ` Received ${String(value)}`;
  }
  let shown = typeof value === 'string' ? `'${value}'` : String(value);
  if (typeof value === 'bigint') shown += 'n';
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return ` Received type ${typeof value} (${shown})`;
}

export function invalidArgType(name: string, expected: string, value: unknown): TypeError {
  const kind = name.includes('.') ? 'property' : 'argument';
  return coded(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" ${kind} must be ${expected}.${describeReceived(value)}`);
}

export function invalidArgValue(name: string, value: unknown, reason: string): TypeError {
  const kind = name.includes('.') || name.includes('[') ? 'property' : 'argument';
  return coded(TypeError, 'ERR_INVALID_ARG_VALUE', `The ${kind} '${name}' ${reason}.${describeReceived(value)}`);
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

export function validateFunction(value: unknown, name: string): asserts value is Function {
  if (typeof value !== 'function') throw invalidArgType(name, 'of type function', value);
}

export function validateString(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string') throw invalidArgType(name, 'of type string', value);
}

export function validateObject(value: unknown, name: string): asserts value is object {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidArgType(name, 'of type object', value);
  }
}
