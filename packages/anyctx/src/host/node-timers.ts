// Node's `timers` module (`node:timers`, `require('timers')`): its setTimeout, setInterval
// and setImmediate are the functions the global had before the engine's layers, so they get
// the same layers as the global's, by mode (timers.ts, immediate.ts). ES modules that import
// them by name read a copy made when `node:timers` was first imported, often before the
// engine installs (imports are linked first): Node's syncBuiltinESMExports() updates it.
// `timers/promises` needs nothing: its promises are the engine's to follow.

import { installTimers, installTimersWithHooks } from './timers';
import { instrumentImmediate } from './immediate';
import { nodeBuiltin } from './node-builtins';

function timersModule(global: typeof globalThis, instrument: (timers: object) => void): void {
  const timers = nodeBuiltin<object>(global, 'timers');
  if (timers === undefined || typeof (timers as { setTimeout?: unknown }).setTimeout !== 'function') return;
  instrument(timers);
  instrumentImmediate(timers);
  try {
    nodeBuiltin<{ syncBuiltinESMExports?: () => void }>(global, 'module')?.syncBuiltinESMExports?.();
  } catch {
    // workerd's `module` has the method, which throws "not implemented": imported names there
    // keep the functions they were imported with.
  }
}

export function installTimersModule(global: typeof globalThis): void {
  timersModule(global, installTimers);
}

export function installTimersModuleWithHooks(global: typeof globalThis): void {
  timersModule(global, installTimersWithHooks);
}
