// scheduler.postTask: the task runs in the frame of the postTask call; the promise it
// returns is the platform's (its reactions are the promise layer's business), and the
// options (priority, delay, signal) pass through.
import { scheduleInCallerFrame } from '../callback-scope';

export function installPostTask(global: typeof globalThis): void {
  const Scheduler = (global as { Scheduler?: { prototype: object } }).Scheduler;
  if (Scheduler !== undefined) scheduleInCallerFrame(Scheduler.prototype, 'postTask');
}
