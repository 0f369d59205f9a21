// `settled(fn)`: a test's "wait until everything this call started has run".

import { TaskTracker, type TaskTrackerOptions } from './task-tracker';

/**
 * Runs `fn` in a new tracker's scope, waits until the tracker is idle (every task `fn`
 * started, transitively, has run, settled or been cancelled), and resolves to what `fn`
 * returned, awaited (or rejects with what it threw or rejected with).
 */
export async function settled<R>(fn: () => R, options?: TaskTrackerOptions): Promise<Awaited<R>> {
  const tracker = new TaskTracker(options);
  let outcome: Promise<Awaited<R>>;
  try {
    outcome = Promise.resolve(tracker.run(fn)) as Promise<Awaited<R>>;
  } catch (error) {
    outcome = Promise.reject(error);
  }
  // Handled now: a rejection before the tracker is idle is the caller's, not unhandled.
  const done = outcome.then(() => {}, () => {});
  // Then idle: `fn`'s promise may settle after the tracker turned idle (it awaited something no
  // task source tracks: a file read, crypto.subtle), and what it scheduled since is waited for.
  await done;
  while (tracker.busy) await tracker.whenIdle();
  return outcome;
}
