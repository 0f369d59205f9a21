// Node's `timers` module (`node:timers`, `require('timers')`): its setTimeout, setInterval
// and setImmediate are the functions the global had before the engine's layers, so they get
// the same layers as the global's, by mode (timers.ts, immediate.ts). ES modules that import
// them by name read a copy made when `node:timers` was first imported, often before the
// engine installs (imports are linked first): Node's syncBuiltinESMExports() updates it.
// `timers/promises` makes its timers inside Node: node-timers-promises.ts, where a hook is enabled.

import { installTimers, installTimersWithHooks, timerRefreshed } from './timers';
import { instrumentImmediate } from './immediate';
import { nodeBuiltin } from './node-builtins';
import { replaceMethod } from './patch';

type NodeTimeout = { _destroyed?: unknown; _repeat?: unknown; refresh(): unknown };

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

/** Node's Timeout.prototype, where install found it. */
let timeoutPrototype: object | undefined;
let searched = false;

/**
 * Finds Node's Timeout.prototype, from a timeout of Node's own made and cleared at once:
 * before node:timers gets its layers, once (the switch runs this again when the last hook is
 * disabled, where node:timers has the engine's layers).
 */
export function findTimeoutPrototype(global: typeof globalThis): void {
  if (searched) return;
  searched = true;
  const timers = nodeBuiltin<{ setTimeout?: unknown; clearTimeout?: unknown }>(global, 'timers');
  if (typeof timers?.setTimeout !== 'function' || typeof timers.clearTimeout !== 'function') return;
  const probe = (timers.setTimeout as Function)(() => {}, 0) as NodeTimeout | undefined;
  (timers.clearTimeout as Function)(probe);
  const prototype = typeof probe === 'object' && probe !== null ? Object.getPrototypeOf(probe) : undefined;
  if (typeof prototype?.refresh === 'function' && typeof probe!._destroyed === 'boolean') timeoutPrototype = prototype;
}

// Made once, so that enabling hooks again gives the same function (variant-switch.ts).
const makeRefresh = (original: (this: NodeTimeout) => unknown) => function refresh(this: NodeTimeout) {
  const ran = this?._destroyed === true;
  const result = Reflect.apply(original, this, arguments);
  if (this._repeat == null && (!ran || this._destroyed === false)) timerRefreshed(this, ran);
  return result;
};

/**
 * While a hook is enabled: Node's Timeout.prototype.refresh. On a timeout that has run, Node
 * restarts it as a new Timeout resource (a new id, its init, the frame of the refresh()
 * call); on one still pending it only moves its time; on one running its callback, the same
 * resource runs again. Node's own `_destroyed` tells which. Without a hook a timeout
 * refreshed after it ran keeps its first frame and id: a layer on Node's timeout prototype
 * put after Node's timer code has warmed up (bench/child.mjs timers) slowed every timer by a
 * sixth.
 */
export function installTimerRefreshWithHooks(): void {
  if (timeoutPrototype !== undefined) replaceMethod(timeoutPrototype, 'refresh', makeRefresh);
}
