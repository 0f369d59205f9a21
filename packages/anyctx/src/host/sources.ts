// The registry of task sources: each source and its variants. The switch chooses one variant
// per source: at install (install.ts) and, in a program with async_hooks, whenever the
// engine's mode changes (variant-switch.ts). The layers (patch.ts) let it change its mind,
// and undo everything, without touching what other code put on top.
//
// A source is the tuple of its variants, by mode; it runs, in each mode, the variant of that
// mode or, where it has none, that of the mode before:
// - 0 `frames`: the program has no async_hooks (it imports none of their exports): tasks
//   carry their frame, nothing else.
// - 1 `ids`: the program has async_hooks (host/async-hooks.ts), no hook is enabled: each task
//   is also an async resource with ids, as executionAsyncId() can see without a hook.
// - 2 `hooks`: a hook is enabled: what Node does only then (promises get ids and hooks).
// Task tracking (anyctx/tracker) adds no mode: its tracked variants are layers over the
// functions in effect, whichever variant that is, laid by the first tracker
// (tracker/tracked-sources.ts), so that programs without one pay nothing.
//
// The sources every runtime has are here; Node's (node-sources.ts) and the web platform's
// (web-sources.ts) in lists of the same kind, which an entry picks.

import { installBetweenTasks } from './between-tasks';
import { installAsyncHooksSetup } from './async-hooks-setup';
import { installThenWithFrames, installThenWithHooks } from './promise-then';
import { installPromiseStatics, installPromiseStaticsWithHooks } from './promise-statics';
import { installPromiseFinally } from './promise-finally';
import { installPromiseConstructor, installPromiseConstructorWithHooks } from './promise-constructor';
import { installMicrotask, installMicrotaskWithHooks } from './microtask';
import { installTimers, installTimersWithHooks } from './timers';

/** Instruments one task source on the global, where the platform has it. */
export type Install = (global: typeof globalThis) => void;

/** A task source: its variants by mode (`frames`, `ids`, `hooks`; see above). */
export type Source = readonly [frames?: Install, ids?: Install, hooks?: Install];

/**
 * The variant of `mode` in `source`, never one an array inherits: a tuple's holes would read
 * `Array.prototype` (which other code may have polluted).
 */
export const variantOf = (source: Source | undefined, mode: number): Install | undefined =>
  source !== undefined && Object.hasOwn(source, mode) ? source[mode] : undefined;

export const FRAMES = 0;
export const IDS = 1;
export const HOOKS = 2;

const asyncHooksSetup: Source = [];
const promiseThen: Source = [installThenWithFrames];
const promiseStatics: Source = [installPromiseStatics];
const promiseConstructor: Source = [installPromiseConstructor];
const microtask: Source = [installMicrotask];
const timers: Source = [installTimers];

/** What every runtime has, installed first, in this order. */
export const sharedSources: readonly Source[] = [
  [installBetweenTasks],
  // Before any source with ids: what the hooks need of the host's own functions.
  asyncHooksSetup,
  promiseThen, promiseStatics, [installPromiseFinally], promiseConstructor, microtask, timers,
];

/**
 * The same sources' variants with ids and hooks, by source. A table of its own: only the
 * async_hooks half (variant-switch.ts) reads it, so only a program that has async_hooks has
 * their code.
 */
export const hookedVariants: ReadonlyMap<Source, Source> = /* @__PURE__ */ new Map<Source, Source>([
  [asyncHooksSetup, [, installAsyncHooksSetup]],
  [promiseThen, [, , installThenWithHooks]],
  [promiseStatics, [, , installPromiseStaticsWithHooks]],
  [promiseConstructor, [, , installPromiseConstructorWithHooks]],
  [microtask, [, installMicrotaskWithHooks]],
  [timers, [, installTimersWithHooks]],
]);
