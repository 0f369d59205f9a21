// The registry of task sources: each source and its variants. The switch (install.ts)
// chooses one variant per source, at install and whenever the engine's mode changes; the
// layers (patch.ts) let it change its mind, and undo everything, without touching what other
// code put on top.
//
// The engine's modes, each running, for every source, the variant of that mode or, where the
// source has none, that of the mode before it:
// - `frames`: the program has no async_hooks (it imports none of their exports): tasks carry
//   their frame, nothing else.
// - `ids`: the program has async_hooks (host/async-hooks.ts), no hook is enabled: each task is
//   also an async resource with ids, as executionAsyncId() can see without a hook.
// - `hooks`: a hook is enabled: what Node does only then (promises get ids and hooks).
// Task tracking will add a `tracked` variant and mode (a tracker is active) to the same table.
//
// The sources every runtime has are here; Node's (node-sources.ts) and the web platform's
// (web-sources.ts) in tables of the same kind, which an entry picks.

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

export type Mode = 'frames' | 'ids' | 'hooks';

/** A source's variants by mode; a source with none for the mode runs that of the mode before. */
export type Variants = { readonly [mode in Mode]?: Install };

/** Sources by name, installed in the order they are listed. */
export type Sources = { readonly [name: string]: Variants };

/** The variant a source runs in `mode` (undefined: none, nothing installed). */
export function variantFor(variants: Variants, mode: Mode): Install | undefined {
  if (mode === 'hooks' && variants.hooks !== undefined) return variants.hooks;
  if (mode !== 'frames' && variants.ids !== undefined) return variants.ids;
  return variants.frames;
}

/** What every runtime has, first: promises, microtasks, timers. */
export const sharedSources = {
  betweenTasks: { frames: installBetweenTasks },
  // Before any source with ids: what the hooks need of the host's own functions.
  asyncHooksSetup: {},
  promiseThen: { frames: installThenWithFrames },
  promiseStatics: { frames: installPromiseStatics },
  promiseFinally: { frames: installPromiseFinally },
  promiseConstructor: { frames: installPromiseConstructor },
  microtask: { frames: installMicrotask },
  timers: { frames: installTimers },
} satisfies Sources;

/**
 * The same sources' variants with ids and hooks. A table of its own: only the async_hooks half
 * (host/async-hooks.ts) reads it, so only a program that has async_hooks has their code.
 */
export const hookedVariants: { readonly [name in keyof typeof sharedSources]?: Variants } = {
  asyncHooksSetup: { ids: installAsyncHooksSetup },
  promiseThen: { hooks: installThenWithHooks },
  promiseStatics: { hooks: installPromiseStaticsWithHooks },
  promiseConstructor: { hooks: installPromiseConstructorWithHooks },
  microtask: { ids: installMicrotaskWithHooks },
  timers: { ids: installTimersWithHooks },
};
