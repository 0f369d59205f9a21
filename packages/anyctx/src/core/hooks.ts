// async_hooks callbacks: the registry of enabled hooks and the emitters the resources call.
//
// As in Node, the set of enabled hooks is fixed for a whole dispatch: while hook callbacks are
// running (nested events included: the init of a timer a hook creates in its own callback),
// enable() and disable() change a pending set, which takes effect when the outermost
// dispatch ends. So a hook that disables itself still gets the events its callback causes, a
// hook enabled there gets none of them, and the other hooks get the rest of the event. The
// enabled hooks live in an array that is replaced, never mutated. Per-callback counts (of the
// set in effect) let emitters and the host layer skip all work when no hook wants an event.
//
// A hook made with `trackPromises: false` (Node 24) gets no PROMISE event: promises get ids
// only while a hook that tracks them is enabled (the engine's `hooks` mode, hook-layer.ts).
// Loops are indexed: a program may have taken Array.prototype[Symbol.iterator] away.

import { asyncCallback, invalidArgType, invalidArgumentValue } from './errors';
import { executionResource } from './execution';
import { setEnabledHooks } from './hook-layer';
import { NativePromise } from './thenable';

export interface HookCallbacks {
  init?(asyncId: number, type: string, triggerAsyncId: number, resource: object): void;
  before?(asyncId: number): void;
  after?(asyncId: number): void;
  destroy?(asyncId: number): void;
  promiseResolve?(asyncId: number): void;
  /** Node 24: `false` leaves every PROMISE event out for this hook (default `true`). */
  trackPromises?: boolean;
}

type HookName = 'init' | 'before' | 'after' | 'destroy' | 'promiseResolve';
const HOOK_NAMES: readonly HookName[] = ['init', 'before', 'after', 'destroy', 'promiseResolve'];

/** The hooks in effect: what emitters iterate. */
let enabled: readonly Enabled[] = [];
/** The set enable()/disable() made during a dispatch, in effect once it ends. */
let pending: readonly Enabled[] | undefined;
/** How many dispatches are running (nested when a hook callback causes events). */
let dispatching = 0;
/** How many hooks in effect leave promises out. */
let untracked = 0;

/** How many enabled hooks have each callback. */
export const hookCounts: Record<HookName, number> = { init: 0, before: 0, after: 0, destroy: 0, promiseResolve: 0 };

const changeListeners: Array<() => void> = [];

/** Called after every enable/disable that changes the set of enabled hooks. */
export function onHooksChange(listener: () => void): void {
  changeListeners.push(listener);
}

let reportHookError = (error: unknown): void => {
  const report = (globalThis as { reportError?: (e: unknown) => void }).reportError;
  if (typeof report === 'function') report(error);
  else console.error(error);
};

/** What happens when a hook callback throws (Node prints the error and exits). */
export function setHookErrorHandler(handler: (error: unknown) => void): void {
  reportHookError = handler;
}

/** An enabled hook, as the emitters call it. */
interface Enabled {
  readonly hook: AsyncHook;
  readonly callbacks: Callbacks;
  /** Whether it gets PROMISE events. */
  readonly tracksPromises: boolean;
}

type Callbacks = Omit<HookCallbacks, 'trackPromises'>;

/** Puts `hooks` in effect: the counts, the engine's mode, the listeners. */
function putInEffect(hooks: readonly Enabled[]): void {
  enabled = hooks;
  for (let n = 0; n < HOOK_NAMES.length; n++) hookCounts[HOOK_NAMES[n]!] = 0;
  let tracking = 0;
  untracked = 0;
  for (let i = 0; i < hooks.length; i++) {
    const { callbacks, tracksPromises } = hooks[i]!;
    for (let n = 0; n < HOOK_NAMES.length; n++) if (callbacks[HOOK_NAMES[n]!] !== undefined) hookCounts[HOOK_NAMES[n]!]++;
    if (tracksPromises) tracking++;
    else untracked++;
  }
  setEnabledHooks(tracking);
  for (let i = 0; i < changeListeners.length; i++) changeListeners[i]!();
}

/** Enables or disables a hook: now, or once the dispatch running ends. */
function turn(record: Enabled, on: boolean): void {
  const hooks = pending ?? enabled;
  let index = -1;
  for (let i = 0; i < hooks.length; i++) if (hooks[i] === record) index = i;
  if ((index !== -1) === on) return;
  const changed: Enabled[] = [];
  for (let i = 0; i < hooks.length; i++) if (i !== index) changed[changed.length] = hooks[i]!;
  if (on) changed[changed.length] = record;
  if (dispatching > 0) pending = changed;
  else putInEffect(changed);
}

export class AsyncHook {
  readonly #record: Enabled;

  // Destructured in the parameter, as Node's: each callback is read once, in this order,
  // through the prototype chain (a class instance whose methods are inherited is a valid set
  // of callbacks), and a missing object gets V8's error for destructuring it.
  constructor({ init, before, after, destroy, promiseResolve, trackPromises }: HookCallbacks) {
    const given: Callbacks = { init, before, after, destroy, promiseResolve };
    const callbacks: Callbacks = {};
    for (let n = 0; n < HOOK_NAMES.length; n++) {
      const name = HOOK_NAMES[n]!;
      const callback = given[name];
      if (callback === undefined) continue;
      if (typeof callback !== 'function') throw asyncCallback(`hook.${name}`);
      (callbacks as Record<string, unknown>)[name] = callback;
    }
    if (trackPromises !== undefined && typeof trackPromises !== 'boolean') throw invalidArgType('trackPromises', 'boolean', trackPromises);
    if (trackPromises === false && promiseResolve !== undefined) {
      throw invalidArgumentValue('trackPromises', trackPromises, 'must not be false when promiseResolve is enabled');
    }
    this.#record = { hook: this, callbacks, tracksPromises: trackPromises !== false };
  }

  enable(): this {
    turn(this.#record, true);
    return this;
  }

  disable(): this {
    turn(this.#record, false);
    return this;
  }
}

export function createHook(callbacks: HookCallbacks): AsyncHook {
  return new AsyncHook(callbacks);
}

// The resources of PROMISE events that are no promise: the await helpers' stand-ins
// (await-resources.ts).
const promiseStandIns = new WeakSet<object>();

/** Whether the event is a PROMISE one, for hooks that leave those out. */
function isPromiseEvent(name: HookName, type: string | undefined): boolean {
  if (name === 'init') return type === 'PROMISE';
  // Destroys of promises reach every hook, as in Node (its garbage-collection path does not
  // know the type). before and after run with their resource current (execution.ts).
  if (name === 'destroy') return false;
  return name === 'promiseResolve' || executionResource instanceof NativePromise || promiseStandIns.has(executionResource);
}

/** Calls every enabled hook's `name` callback; nothing at all while none has one. */
function emit(name: HookName, asyncId: number, type?: string, triggerAsyncId?: number, resource?: object): void {
  if (hookCounts[name] === 0) return;
  const hooks = enabled;
  const promiseEvent = untracked > 0 && isPromiseEvent(name, type);
  dispatching++;
  try {
    for (let i = 0; i < hooks.length; i++) {
      const { hook, callbacks, tracksPromises } = hooks[i]!;
      const callback = callbacks[name] as Function | undefined;
      if (callback === undefined || (promiseEvent && !tracksPromises)) continue;
      try {
        if (name === 'init') callback.call(hook, asyncId, type, triggerAsyncId, resource);
        else callback.call(hook, asyncId);
      } catch (error) {
        reportHookError(error);
      }
    }
  } finally {
    // The outermost dispatch puts in effect what its callbacks enabled or disabled.
    if (--dispatching === 0 && pending !== undefined) {
      const hooks = pending;
      pending = undefined;
      putInEffect(hooks);
    }
  }
}

export function emitInit(asyncId: number, type: string, triggerAsyncId: number, resource: object): void {
  if (type === 'PROMISE' && !(resource instanceof NativePromise)) promiseStandIns.add(resource);
  emit('init', asyncId, type, triggerAsyncId, resource);
}

export function emitBefore(asyncId: number): void {
  emit('before', asyncId);
}

export function emitAfter(asyncId: number): void {
  emit('after', asyncId);
}

export function emitPromiseResolve(asyncId: number): void {
  emit('promiseResolve', asyncId);
}

// Node runs destroy callbacks asynchronously, in a batch, after the current callback.
let pendingDestroys: number[] = [];
let scheduleDestroyFlush: (flush: () => void) => void = (flush) => queueMicrotask(flush);

/** How queued destroy callbacks get run later (Node uses its check phase: setImmediate). */
export function setDestroyScheduler(schedule: (flush: () => void) => void): void {
  scheduleDestroyFlush = schedule;
}

function flushDestroys(): void {
  const ids = pendingDestroys;
  pendingDestroys = [];
  for (let i = 0; i < ids.length; i++) emit('destroy', ids[i]!);
}

export function emitDestroy(asyncId: number): void {
  if (hookCounts.destroy === 0 || asyncId <= 0) return;
  if (pendingDestroys.push(asyncId) === 1) scheduleDestroyFlush(flushDestroys);
}

// Resources nobody destroys by hand get their destroy callback when they are collected.
// Pure: a bundle without AsyncResource leaves the registry out.
const collected: FinalizationRegistry<number> | undefined =
  typeof FinalizationRegistry === 'function' ? /* @__PURE__ */ new FinalizationRegistry(emitDestroy) : undefined;

export function destroyWhenCollected(resource: object, asyncId: number): void {
  collected?.register(resource, asyncId, resource);
}

export function cancelDestroyWhenCollected(resource: object): void {
  collected?.unregister(resource);
}
