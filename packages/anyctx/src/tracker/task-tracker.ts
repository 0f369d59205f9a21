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

/** The scope of the current code: the states of the trackers it runs for, innermost last. */
const scopes = /* @__PURE__ */ new AsyncLocalStorage<readonly TrackerState[]>();

const now: () => number = typeof performance === 'object' && typeof performance?.now === 'function'
  ? () => performance.now()
  : Date.now;

const NO_TRACKERS: readonly TrackerState[] = [];

/** A task's place in one tracker's list of pending tasks. */
class Link {
  prev: Link | undefined;
  next: Link | undefined;
  constructor(readonly task: Task) {}
}

/** A task, counted by every tracker it was scheduled for. */
export class Task {
  readonly source: string;
  readonly scheduledAt = now();
  readonly stack?: string;
  /** The trackers it counts for; none once ended (a handle that keeps it keeps no tracker). */
  #trackers: readonly TrackerState[];
  /** Its place in each tracker's list (in the one tracker's, alone); undefined once ended. */
  #links: Link | Link[] | undefined;

  constructor(source: string, trackers: readonly TrackerState[], stack: boolean) {
    this.source = source;
    this.#trackers = trackers;
    if (stack) this.stack = new Error().stack?.replace(/^.*\n/, '');
    if (trackers.length === 1) {
      this.#links = trackers[0]!.begin(this);
    } else {
      const links: Link[] = [];
      for (let i = 0; i < trackers.length; i++) links.push(trackers[i]!.begin(this));
      this.#links = links;
    }
  }

  /** Ends the task (once: a timer cleared in its own callback ends once). */
  end(): void {
    const links = this.#links;
    if (links === undefined) return;
    const trackers = this.#trackers;
    this.#links = undefined;
    this.#trackers = NO_TRACKERS;
    if (links instanceof Link) trackers[0]!.end(links);
    else for (let i = 0; i < links.length; i++) trackers[i]!.end(links[i]!);
  }

  /** What `pending` shows of it: a copy, which cannot end it. */
  describe(): PendingTask {
    return this.stack === undefined
      ? { source: this.source, scheduledAt: this.scheduledAt }
      : { source: this.source, scheduledAt: this.scheduledAt, stack: this.stack };
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
let checking: TrackerState[] = [];

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

/** A tracker's pending tasks and listeners: what its tasks and the idle check change. */
export class TrackerState {
  readonly ignoresIntervals: boolean;
  readonly stacks: boolean;
  /** The pending tasks, oldest first, as a list a task leaves in constant time. */
  #first: Link | undefined;
  #last: Link | undefined;
  #count = 0;
  busy = false;
  checkQueued = false;
  readonly onBusy = new Set<Listener>();
  readonly onIdle = new Set<Listener>();
  idle: Promise<void> | undefined;
  resolveIdle: (() => void) | undefined;
  /** The scope of this tracker alone (its run outside every other's). */
  readonly ownScope: readonly TrackerState[] = [this];

  constructor(options: TaskTrackerOptions) {
    this.ignoresIntervals = options.ignoreIntervals === true;
    this.stacks = options.captureStacks === true;
  }

  pending(): PendingTask[] {
    const tasks: PendingTask[] = [];
    for (let link = this.#first; link !== undefined; link = link.next) tasks.push(link.task.describe());
    return tasks;
  }

  begin(task: Task): Link {
    const link = new Link(task);
    const last = this.#last;
    link.prev = last;
    if (last === undefined) this.#first = link;
    else last.next = link;
    this.#last = link;
    this.#count++;
    if (!this.busy) {
      this.busy = true;
      emit(this.onBusy);
    }
    return link;
  }

  end(link: Link): void {
    const { prev, next } = link;
    if (prev === undefined) this.#first = next;
    else prev.next = next;
    if (next === undefined) this.#last = prev;
    else next.prev = prev;
    if (--this.#count > 0 || this.checkQueued) return;
    this.checkQueued = true;
    if (checking.push(this) === 1) queueCheck();
  }

  /** The microtasks queued before the check have run. */
  check(): void {
    this.checkQueued = false;
    if (this.#count > 0 || !this.busy) return;
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
  readonly #state: TrackerState;

  constructor(options: TaskTrackerOptions = {}) {
    validate(options, 'object', 'options');
    this.name = options.name;
    this.#state = new TrackerState(options);
    layTrackedSources(beginTask);
  }

  /** Whether a tracked task is pending, or the microtasks after the last one still run. */
  get busy(): boolean {
    return this.#state.busy;
  }

  /** The tasks pending, oldest first. */
  get pending(): PendingTask[] {
    return this.#state.pending();
  }

  /**
   * Calls `fn` with `args` in this tracker's scope (and in the scopes it is called in): every
   * task it schedules, and every task those schedule, is tracked. The call itself is a task.
   */
  run<R, A extends unknown[]>(fn: (...args: A) => R, ...args: A): R {
    validate(fn, 'function', 'fn');
    const state = this.#state;
    const outer = scopes.getStore();
    const scope = outer === undefined ? state.ownScope : outer.includes(state) ? outer : [...outer, state];
    const task = new Task('run', state.ownScope, state.stacks);
    try {
      return args.length === 0 ? scopes.run(scope, fn as () => R) : scopes.run(scope, fn, ...args);
    } finally {
      task.end();
    }
  }

  /** Resolves when the tracker is idle: at once where it is now. */
  whenIdle(): Promise<void> {
    const state = this.#state;
    if (!state.busy) return Promise.resolve();
    return state.idle ??= new Promise((resolve) => {
      state.resolveIdle = resolve;
    });
  }

  /** Calls `listener` each time the tracker turns busy; returns what removes it. */
  onBusy(listener: Listener): () => void {
    return listen(this.#state.onBusy, listener);
  }

  /** Calls `listener` each time the tracker turns idle; returns what removes it. */
  onIdle(listener: Listener): () => void {
    return listen(this.#state.onIdle, listener);
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
