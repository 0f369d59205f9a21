// docs/semantics.md §5: Variables and AsyncLocalStorage live on the same frames: each sees only
// its own value, both travel together through async work, and snapshots of either kind
// capture both.
import { AsyncContext, AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const variable = new AsyncContext.Variable();
const als = new AsyncLocalStorage();
const both = () => `variable=${variable.get()} als=${als.getStore()}`;

variable.run('V', () => als.run('S', () => {
  log('nested runs', both());
  setTimeout(() => log('timer', both()), 1);
  queueMicrotask(() => log('microtask', both()));
}));

const alsSnapshot = variable.run('V2', () => als.run('S2', () => AsyncLocalStorage.snapshot()));
const acSnapshot = variable.run('V3', () => als.run('S3', () => new AsyncContext.Snapshot()));
log('AsyncLocalStorage.snapshot sees', alsSnapshot(both));
log('AsyncContext.Snapshot sees', acSnapshot.run(both));

als.run('S4', () => {
  als.enterWith('S4-entered');
  const snap = new AsyncContext.Snapshot();
  log('Snapshot after an enterWith sees', snap.run(both));
});
variable.run('V5', () => als.run('S5', () => {
  log('als.exit leaves the variable', als.exit(both));
  log('variable.run(undefined) leaves the storage', variable.run(undefined, both));
}));
log('outside', both());
