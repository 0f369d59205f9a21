// docs/semantics.md §4: Immediate resources: init, before/after around the callback, destroy;
// an immediate scheduled from an immediate is triggered by it.
const ctx = require('#ctx');
const { createTracer } = require('../_lib/tracer.cjs');
const { log } = require('../_lib/out.cjs');

const { executionAsyncId, triggerAsyncId } = ctx;
const tracer = createTracer(ctx).enable();

setImmediate(() => {
  log('immediate: execution', tracer.label(executionAsyncId()), 'trigger', tracer.label(triggerAsyncId()));
  setImmediate(() => log('nested immediate: execution', tracer.label(executionAsyncId()), 'trigger', tracer.label(triggerAsyncId())));
});
