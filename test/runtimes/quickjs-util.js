// node:util for QuickJS scenario runs: an `inspect` that prints the values scenarios log
// the way Node does on one line (strings, numbers, objects, arrays, Maps, Sets, functions,
// errors), which is all the output helpers need.
const identifier = /^[A-Za-z_$][\w$]*$/;

function quote(text) {
  const escaped = text.replace(/[\\\n\t\r\b\f\v]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v' })[c]);
  if (!escaped.includes("'")) return `'${escaped}'`;
  if (!escaped.includes('"')) return `"${escaped}"`;
  if (!escaped.includes('`')) return `\`${escaped}\``;
  return `'${escaped.replace(/'/g, "\\'")}'`;
}

function keyOf(key) {
  if (typeof key === 'symbol') return `[${key.toString()}]`;
  return identifier.test(key) ? key : quote(key);
}

function braces(prefix, items, open = '{', close = '}') {
  if (items.length === 0) return prefix ? `${prefix}${open}${close}` : `${open}${close}`;
  return `${prefix}${open} ${items.join(', ')} ${close}`;
}

function formatValue(value, depth, seen) {
  switch (typeof value) {
    case 'string': return quote(value);
    case 'number': return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint': return `${value}n`;
    case 'boolean': return String(value);
    case 'undefined': return 'undefined';
    case 'symbol': return value.toString();
    case 'function': {
      const source = Function.prototype.toString.call(value);
      if (source.startsWith('class')) return `[class ${value.name || '(anonymous)'}]`;
      const kind = source.startsWith('async') ? 'AsyncFunction' : 'Function';
      return `[${kind}${value.name ? `: ${value.name}` : ' (anonymous)'}]`;
    }
  }
  if (value === null) return 'null';
  if (seen.includes(value)) return '[Circular *1]';
  if (value instanceof Error) return value.stack ? `${value.stack}` : `[${value}]`;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof RegExp) return String(value);
  if (value instanceof Promise) return 'Promise { <unknown> }';
  if (value instanceof WeakMap) return 'WeakMap { <items unknown> }';
  if (value instanceof WeakSet) return 'WeakSet { <items unknown> }';
  const proto = Object.getPrototypeOf(value);
  const ctorName = proto === null ? null : proto.constructor?.name;
  const inner = [...seen, value];
  const nested = (item) => formatValue(item, depth - 1, inner);
  if (value instanceof Map) {
    if (depth < 0) return '[Map]';
    return braces(`Map(${value.size}) `, [...value].map(([k, v]) => `${nested(k)} => ${nested(v)}`));
  }
  if (value instanceof Set) {
    if (depth < 0) return '[Set]';
    return braces(`Set(${value.size}) `, [...value].map(nested));
  }
  if (Array.isArray(value)) {
    if (depth < 0) return '[Array]';
    const items = value.map(nested);
    const extra = Object.keys(value).filter((k) => !/^\d+$/.test(k)).map((k) => `${keyOf(k)}: ${nested(value[k])}`);
    return braces(ctorName && ctorName !== 'Array' ? `${ctorName}(${value.length}) ` : '', [...items, ...extra], '[', ']');
  }
  const keys = [...Object.keys(value), ...Object.getOwnPropertySymbols(value).filter((s) => Object.prototype.propertyIsEnumerable.call(value, s))];
  const prefix = proto === null ? '[Object: null prototype] ' : ctorName && ctorName !== 'Object' ? `${ctorName} ` : '';
  if (depth < 0) return `[${ctorName ?? 'Object'}]`;
  return braces(prefix, keys.map((k) => `${keyOf(k)}: ${nested(value[k])}`));
}

export function inspect(value, options = {}) {
  return formatValue(value, options.depth ?? 2, []);
}
