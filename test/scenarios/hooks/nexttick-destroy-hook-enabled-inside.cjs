// docs/semantics.md §4 (TickObject and Immediate resources; Node's test-late-hook-enable): a
// hook enabled inside a next-tick callback (or an immediate's) gets that callback's after and
// its destroy, which Node delivers at the start of the next check phase, before the first
// setImmediate callback queued meanwhile runs (here that callback disables the hook).
const ctx = require('#ctx');
const { log } = require('../_lib/out.cjs');

const cases = [
  ['next tick', (enable, then) => setImmediate(() => process.nextTick(() => { enable(); setImmediate(then); }))],
  ['immediate', (enable, then) => setImmediate(() => { enable(); setImmediate(then); })],
];

let current;
const hook = ctx.createHook({
  before() { log(current, 'before'); },
  after() { log(current, 'after'); },
  destroy() { log(current, 'destroy'); },
});

function next() {
  const entry = cases.shift();
  if (entry === undefined) return;
  const [name, run] = entry;
  current = name;
  run(() => hook.enable(), () => {
    hook.disable();
    log(name, 'done: the hook is disabled');
    next();
  });
}
next();
