// `anyctx/tracker`: task tracking on the portable engine (its own entry: an app that does not
// import it has none of it). The engine comes from `anyctx/portable`, kept external by the
// build, so that an app has one engine: in a browser bundle the one its other imports reach;
// on Node the portable engine too (Node's own AsyncLocalStorage has no way to count tasks).
export { TaskTracker } from '../tracker/task-tracker';
export type { PendingTask, TaskTrackerOptions } from '../tracker/task-tracker';
export { settled } from '../tracker/settled';
