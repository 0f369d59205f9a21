// `anyctx/tracker`: task tracking on the portable engine (docs/tracker.md). Written by hand
// (see api.d.ts).

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

/**
 * Knows when the asynchronous work of its scope is done: the tasks scheduled in `run`'s
 * callback, and those they schedule, transitively (timers, immediates, ticks, microtasks,
 * fetch, XMLHttpRequest, animation frames, idle callbacks, scheduler.postTask, FileReader,
 * IndexedDB requests). It turns idle once nothing tracked is pending and the microtasks
 * queued before have run, so a `then` chain or an `await` loop never makes it flap.
 */
export declare class TaskTracker {
  constructor(options?: TaskTrackerOptions);
  /** The name given, for debugging. */
  readonly name: string | undefined;
  /** Whether a tracked task is pending, or the microtasks after the last one still run. */
  get busy(): boolean;
  /** The tasks pending, oldest first (a copy). */
  get pending(): PendingTask[];
  /**
   * Calls `fn` with `args` in this tracker's scope (and in the scopes it is called in): every
   * task it schedules, and every task those schedule, is tracked. The call itself is a task.
   */
  run<R, A extends unknown[]>(fn: (...args: A) => R, ...args: A): R;
  /** Resolves when the tracker is idle: at once where it is now. */
  whenIdle(): Promise<void>;
  /** Calls `listener` each time the tracker turns busy; returns what removes it. */
  onBusy(listener: () => void): () => void;
  /** Calls `listener` each time the tracker turns idle; returns what removes it. */
  onIdle(listener: () => void): () => void;
}

/**
 * Runs `fn` in a new tracker's scope, waits until every task it started, transitively, has
 * run, settled or been cancelled, and resolves to what `fn` returned (awaited), or rejects
 * with what it threw or rejected with.
 */
export declare function settled<R>(fn: () => R, options?: TaskTrackerOptions): Promise<Awaited<R>>;
