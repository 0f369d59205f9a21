// docs/semantics.md §2 and §4, Node's timers: refresh() on a timeout that has already run
// starts it again as a new Timeout resource: a new id with its own init (triggered by the
// caller of refresh()), the frame of the refresh() call, and one destroy per id. refresh()
// inside the timeout's own callback re-arms the same resource: the same id and frame run
// again, and its destroy comes once, after the last run.
const ctx = require('#ctx');
const { createTracer } = require('../_lib/tracer.cjs');
const { log } = require('../_lib/out.cjs');

const { AsyncLocalStorage, executionAsyncId, triggerAsyncId } = ctx;
const als = new AsyncLocalStorage();
const tracer = createTracer(ctx).enable();
const where = (what) => log(what, 'in', als.getStore(), 'execution', tracer.label(executionAsyncId()), 'trigger', tracer.label(triggerAsyncId()));

let runs = 0;
const timeout = als.run('created', () => setTimeout(() => {
  runs += 1;
  where(`timeout run ${runs}`);
  if (runs === 1) setImmediate(() => als.run('refresher', () => { where('refresh() after the run'); timeout.refresh(); }));
  if (runs === 2) rearmInsideCallback();
}, 1));

function rearmInsideCallback() {
  let inner = 0;
  const rearmed = als.run('created-2', () => setTimeout(() => {
    inner += 1;
    where(`re-armed timeout run ${inner}`);
    if (inner === 1) als.run('inside', () => rearmed.refresh());
    if (inner === 2) restartThenClear();
  }, 1));
}

// A timeout restarted by refresh() and cleared before it runs again: the new id's one destroy.
function restartThenClear() {
  const once = setTimeout(() => {
    where('once');
    setImmediate(() => {
      once.refresh();
      clearTimeout(once);
      log('restarted and cleared');
    });
  }, 1);
}
