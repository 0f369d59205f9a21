// docs/semantics.md §4: a Timeout gets init (triggered by the scheduling execution), one
// before/after pair around its callback, and destroy afterwards; inside the callback the
// execution id is the Timeout's and the trigger id its trigger.
const ctx = require('#ctx');
const { createTracer } = require('../_lib/tracer.cjs');
const { log } = require('../_lib/out.cjs');

const { executionAsyncId, triggerAsyncId } = ctx;
const tracer = createTracer(ctx).enable();

setTimeout(() => {
  log('callback: execution', tracer.label(executionAsyncId()), 'trigger', tracer.label(triggerAsyncId()));
  setTimeout(() => log('nested: execution', tracer.label(executionAsyncId()), 'trigger', tracer.label(triggerAsyncId())), 1);
}, 1);
