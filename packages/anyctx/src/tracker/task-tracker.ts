// Task tracking: which asynchronous work a piece of code started, transitively, is still to
// run. A tracker's scope is a store of the engine (`scopes`, the list of trackers the current
// code runs for), so it follows every task source and every `await` the engine follows, with
// nothing of its own. What it adds is counting: the tracked sources (tracked-sources.ts) begin
// a task where the current scope has trackers, and end it when the task has run, settled or
// been cancelled.
//
// Idle is declared by a macrotask of the host's, queued when a tracker's last task ends: every
// microtask queued before it (promise reactions, `await` continuations, and theirs) runs
// first, so a chain of them that schedules more work keeps the tracker busy, and it never
// turns idle and busy again within one drain. Promise reactions need no counting of their own
// for this; what settles a pending promise counts, where it is a tracked task.

import { AsyncLocalStorage } from 'anyctx/portable';
import { layTrackedSources } from './tracked-sources';
import { validate } from '../core/errors';

/** What a tracker knows of a pending task. */
export interface PendingTask {
  /** The API that scheduled it: `'setTimeout'`, `'fetch'`, `'run'`… */
  readonly source: string;
  /** When it was scheduled, in milliseconds (`performance.now()` where there is one). */
  readonly scheduledAt: number;
  /** Where it was scheduled, with `captureStacks: true`. */
  readonly stack?: string;
}

export interface TaskTrackerOptions {
  /** A name, for debugging. */
  name?: string;
  /** Intervals do not keep the tracker busy (else they do until cleared). */
  ignoreIntervals?: boolean;
  /** Each pending task records the stack that scheduled it (costly: for debugging). */
  captureStacks?: boolean;
}

type Listener = () => void;

/** The trackers the current code runs for (their Tracking), innermost last. */
const scopes = /* @__PURE__ */ new AsyncLocalStorage<readonly Tracking[]>();

const now: () => number = typeof performance === 'object' && typeof performance?.now === 'function'
  ? () => performance.now()
  : Date.now;

/** A task, counted by every tracker it was scheduled for. */
export class Task implements PendingTask {
  readonly source: string;
  readonly scheduledAt = now();
  readonly stack?: string;
  readonly trackers: readonly Tracking[];
  #ended = false;

  constructor(source: string, trackers: readonly Tracking[], stack: boolean) {
    this.source = source;
    this.trackers = trackers;
    if (stack) this.stack = new Error().stack?.replace(/^.*\n/, '');
    for (let i = 0; i < trackers.length; i++) trackers[i]!.begin(this);
  }

  /** Ends the task (once: a timer cleared in its own callback ends once). */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    for (let i = 0; i < this.trackers.length; i++) this.trackers[i]!.end(this);
  }
}

/**
 * Begins a task of `source` for the trackers of the current scope (those with
 * `ignoreIntervals` leave an interval out); undefined where there are none.
 */
export function beginTask(source: string, periodic = false): Task | undefined {
  let trackers = scopes.getStore();
  if (trackers === undefined) return undefined;
  if (periodic) {
    trackers = trackers.filter((tracker) => !tracker.ignoresIntervals);
    if (trackers.length === 0) return undefined;
  }
  let stacks = false;
  for (let i = 0; i < trackers.length; i++) stacks ||= trackers[i]!.stacks;
  return new Task(source, trackers, stacks);
}

// The idle checks: one host macrotask runs those of every tracker whose last task ended.
let checking: Tracking[] = [];

function runChecks(): void {
  const trackers = checking;
  checking = [];
  for (let i = 0; i < trackers.length; i++) trackers[i]!.check();
}

/**
 * Queues `runChecks` as a macrotask, from outside every tracker's scope (the check is nobody's
 * task): setImmediate where there is one (after the microtasks and the current I/O), else a
 * MessageChannel message (unclamped, unlike a nested setTimeout), else setTimeout.
 */
const queueCheck: () => void = /* @__PURE__ */ (() => {
  const g = globalThis as { setImmediate?: (fn: () => void) => unknown; MessageChannel?: typeof MessageChannel };
  if (typeof g.setImmediate === 'function') return () => scopes.exit(() => g.setImmediate!(runChecks));
  if (typeof g.MessageChannel === 'function') {
    let channel: MessageChannel | undefined;
    return () => scopes.exit(() => {
      if (channel === undefined) {
        channel = new g.MessageChannel!();
        channel.port1.onmessage = runChecks;
      }
      channel.port2.postMessage(null);
    });
  }
  return () => scopes.exit(() => setTimeout(runChecks, 0));
})();

/** A tracker's counts and listeners: what its tasks and the idle check change. */
export class Tracking {
  readonly ignoresIntervals: boolean;
  readonly stacks: boolean;
  readonly pending = new Set<Task>();
  busy = false;
  checkQueued = false;
  readonly onBusy = new Set<Listener>();
  readonly onIdle = new Set<Listener>();
  idle: Promise<void> | undefined;
  resolveIdle: (() => void) | undefined;

  constructor(options: TaskTrackerOptions) {
    this.ignoresIntervals = options.ignoreIntervals === true;
    this.stacks = options.captureStacks === true;
  }

  begin(task: Task): void {
    this.pending.add(task);
    if (this.busy) return;
    this.busy = true;
    emit(this.onBusy);
  }

  end(task: Task): void {
    this.pending.delete(task);
    if (this.pending.size > 0 || this.checkQueued) return;
    this.checkQueued = true;
    if (checking.push(this) === 1) queueCheck();
  }

  /** The microtasks queued before the check have run. */
  check(): void {
    this.checkQueued = false;
    if (this.pending.size > 0 || !this.busy) return;
    this.busy = false;
    const resolve = this.resolveIdle;
    this.idle = this.resolveIdle = undefined;
    resolve?.();
    emit(this.onIdle);
  }
}

/**
 * Knows when the asynchronous work of its scope is done: the tasks scheduled in `run`'s
 * callback, and those they schedule, transitively.
 */
export class TaskTracker {
  readonly name: string | undefined;
  readonly #tracking: Tracking;

  constructor(options: TaskTrackerOptions = {}) {
    validate(options, 'object', 'options');
    this.name = options.name;
    this.#tracking = new Tracking(options);
    layTrackedSources(beginTask);
  }

  /** Whether a tracked task is pending, or the microtasks after the last one still run. */
  get busy(): boolean {
    return this.#tracking.busy;
  }

  /** The tasks pending, oldest first. */
  get pending(): PendingTask[] {
    return [...this.#tracking.pending];
  }

  /**
   * Calls `fn` with `args` in this tracker's scope (and in the scopes it is called in): every
   * task it schedules, and every task those schedule, is tracked. The call itself is a task.
   */
  run<R, A extends unknown[]>(fn: (...args: A) => R, ...args: A): R {
    validate(fn, 'function', 'fn');
    const tracking = this.#tracking;
    const outer = scopes.getStore();
    const trackings = outer === undefined ? [tracking] : outer.includes(tracking) ? outer : [...outer, tracking];
    const task = new Task('run', [tracking], tracking.stacks);
    try {
      return scopes.run(trackings, fn, ...args);
    } finally {
      task.end();
    }
  }

  /** Resolves when the tracker is idle: at once where it is now. */
  whenIdle(): Promise<void> {
    const tracking = this.#tracking;
    if (!tracking.busy) return Promise.resolve();
    return tracking.idle ??= new Promise((resolve) => {
      tracking.resolveIdle = resolve;
    });
  }

  /** Calls `listener` each time the tracker turns busy; returns what removes it. */
  onBusy(listener: Listener): () => void {
    return listen(this.#tracking.onBusy, listener);
  }

  /** Calls `listener` each time the tracker turns idle; returns what removes it. */
  onIdle(listener: Listener): () => void {
    return listen(this.#tracking.onIdle, listener);
  }
}

function listen(listeners: Set<Listener>, listener: Listener): () => void {
  validate(listener, 'function', 'listener');
  // A wrapper per registration: the same function added twice is called twice, removed once each.
  const entry = () => listener();
  listeners.add(entry);
  return () => {
    listeners.delete(entry);
  };
}

/**
 * Calls each listener, outside every tracker's scope (what a listener schedules is nobody's
 * task); one that throws is reported as uncaught, and the rest still run.
 */
function emit(listeners: Set<Listener>): void {
  scopes.exit(() => {
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  });
}
