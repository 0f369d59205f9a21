// docs/semantics.md §4: TickObject resources for process.nextTick: init, before/after, destroy,
// with execution and trigger ids inside the callback.
const ctx = require('#ctx');
const { createTracer } = require('../_lib/tracer.cjs');
const { log } = require('../_lib/out.cjs');

const { executionAsyncId, triggerAsyncId } = ctx;
const tracer = createTracer(ctx).enable();

process.nextTick((arg) => {
  log('tick', arg, 'execution', tracer.label(executionAsyncId()), 'trigger', tracer.label(triggerAsyncId()));
  process.nextTick(() => log('nested tick: execution', tracer.label(executionAsyncId()), 'trigger', tracer.label(triggerAsyncId())));
}, 'arg');
