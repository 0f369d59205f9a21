// Node's deprecation warnings, where the runtime has Node's warning channel; silent elsewhere.
const warned = new Set<string>();

export function warnDeprecated(message: string, code: string): void {
  if (warned.has(code)) return;
  warned.add(code);
  const proc = (globalThis as { process?: { emitWarning?: Function } }).process;
  if (typeof proc?.emitWarning === 'function') proc.emitWarning(message, 'DeprecationWarning', code);
}
