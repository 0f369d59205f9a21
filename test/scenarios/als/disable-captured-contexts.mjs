// What disable() does to contexts captured before it (timers, snapshots, bound
// functions, AsyncResources), both when they were captured in the very frame that is
// current at disable() and when they were captured in a frame left before.
import { AsyncLocalStorage, AsyncResource } from '#ctx';
import { log } from '../_lib/out.cjs';

const sameFrame = new AsyncLocalStorage();
sameFrame.run('S', () => {
  setTimeout(() => log('same frame: timer sees', sameFrame.getStore()), 1);
  const snapshot = AsyncLocalStorage.snapshot();
  const bound = AsyncLocalStorage.bind(() => sameFrame.getStore());
  const resource = new AsyncResource('Captured');
  sameFrame.disable();
  log('same frame: snapshot sees', snapshot(() => sameFrame.getStore()));
  log('same frame: bound sees', bound());
  log('same frame: resource sees', resource.runInAsyncScope(() => sameFrame.getStore()));
});

const leftFrame = new AsyncLocalStorage();
let snapshot;
let bound;
let resource;
leftFrame.run('L', () => {
  setTimeout(() => log('left frame: timer sees', leftFrame.getStore()), 1);
  snapshot = AsyncLocalStorage.snapshot();
  bound = AsyncLocalStorage.bind(() => leftFrame.getStore());
  resource = new AsyncResource('Captured');
});
leftFrame.disable();
log('left frame: snapshot sees', snapshot(() => leftFrame.getStore()));
log('left frame: bound sees', bound());
log('left frame: resource sees', resource.runInAsyncScope(() => leftFrame.getStore()));
