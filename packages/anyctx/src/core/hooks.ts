// async_hooks callbacks: the registry of enabled hooks and the emitters the resources call.
//
// Enabled hooks live in an array that is replaced, never mutated, on enable/disable, so a
// hook enabled or disabled while hooks are firing takes effect from the next event (the
// emitter iterates the array it started with). Per-callback counts let emitters and the
// host layer skip all work when no hook wants an event.

import { asyncCallback } from './errors';
import { setEnabledHooks } from './hook-layer';

export interface HookCallbacks {
  init?(asyncId: number, type: string, triggerAsyncId: number, resource: object): void;
  before?(asyncId: number): void;
  after?(asyncId: number): void;
  destroy?(asyncId: number): void;
  promiseResolve?(asyncId: number): void;
}

type HookName = keyof HookCallbacks;
const HOOK_NAMES: readonly HookName[] = ['init', 'before', 'after', 'destroy', 'promiseResolve'];

let enabled: readonly AsyncHook[] = [];

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

export class AsyncHook {
  readonly #callbacks: HookCallbacks = {};

  // Destructured in the parameter, as Node's: each callback is read once, in this order,
  // through the prototype chain (a class instance whose methods are inherited is a valid set
  // of callbacks), and a missing object gets V8's error for destructuring it.
  constructor({ init, before, after, destroy, promiseResolve }: HookCallbacks) {
    const given: HookCallbacks = { init, before, after, destroy, promiseResolve };
    for (const name of HOOK_NAMES) {
      const callback = given[name];
      if (callback === undefined) continue;
      if (typeof callback !== 'function') throw asyncCallback(`hook.${name}`);
      (this.#callbacks as Record<string, unknown>)[name] = callback;
    }
  }

  enable(): this {
    return this.#turn(true);
  }

  disable(): this {
    return this.#turn(false);
  }

  /** Calls this hook's callback `name`, if it has one, with Node's arguments for it. */
  call(name: HookName, asyncId: number, type?: string, triggerAsyncId?: number, resource?: object): void {
    const callback = this.#callbacks[name] as Function | undefined;
    if (callback === undefined) return;
    try {
      if (name === 'init') callback.call(this, asyncId, type, triggerAsyncId, resource);
      else callback.call(this, asyncId);
    } catch (error) {
      reportHookError(error);
    }
  }

  #turn(on: boolean): this {
    if (enabled.includes(this) === on) return this;
    enabled = on ? [...enabled, this] : enabled.filter((hook) => hook !== this);
    const delta = on ? 1 : -1;
    for (const name of HOOK_NAMES) if (this.#callbacks[name] !== undefined) hookCounts[name] += delta;
    setEnabledHooks(enabled.length);
    for (const listener of changeListeners) listener();
    return this;
  }
}

export function createHook(callbacks: HookCallbacks): AsyncHook {
  return new AsyncHook(callbacks);
}

/** Calls every enabled hook's `name` callback; nothing at all while none has one. */
function emit(name: HookName, asyncId: number, type?: string, triggerAsyncId?: number, resource?: object): void {
  if (hookCounts[name] === 0) return;
  for (const hook of enabled) hook.call(name, asyncId, type, triggerAsyncId, resource);
}

export function emitInit(asyncId: number, type: string, triggerAsyncId: number, resource: object): void {
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
  for (const asyncId of ids) emit('destroy', asyncId);
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
