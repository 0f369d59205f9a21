// docs/semantics.md §4: queueMicrotask creates a Microtask resource with init, before/after and
// destroy; promise jobs scheduled from it are triggered by it.
const ctx = require('#ctx');
const { createTracer } = require('../_lib/tracer.cjs');
const { log } = require('../_lib/out.cjs');

const { executionAsyncId, triggerAsyncId } = ctx;
const tracer = createTracer(ctx).enable();

queueMicrotask(() => {
  log('microtask: execution', tracer.label(executionAsyncId()), 'trigger', tracer.label(triggerAsyncId()));
  queueMicrotask(() => log('nested microtask: execution', tracer.label(executionAsyncId()), 'trigger', tracer.label(triggerAsyncId())));
});
