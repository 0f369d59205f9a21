// docs/semantics.md §4: an AsyncResource emits init at construction (with its trigger), and
// before/after around every runInAsyncScope and bound call, nested properly.
const ctx = require('#ctx');
const { createTracer } = require('../_lib/tracer.cjs');
const { log } = require('../_lib/out.cjs');

const { AsyncResource, executionAsyncId } = ctx;
const tracer = createTracer(ctx).enable();

const outer = new AsyncResource('Outer');
const inner = outer.runInAsyncScope(() => new AsyncResource('Inner'));
const bound = inner.bind(() => log('bound call runs as', tracer.label(executionAsyncId())));

outer.runInAsyncScope(() => {
  log('in outer as', tracer.label(executionAsyncId()));
  inner.runInAsyncScope(() => log('in inner as', tracer.label(executionAsyncId())));
  bound();
});
bound();
outer.emitDestroy();
inner.emitDestroy();
