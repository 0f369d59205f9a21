// docs/semantics.md §4: inside each kind of callback executionAsyncId() is the id of the
// resource whose callback runs and triggerAsyncId() that resource's trigger; after the
// callback the outer ids are back.
const ctx = require('#ctx');
const { createTracer } = require('../_lib/tracer.cjs');
const { log } = require('../_lib/out.cjs');

const { executionAsyncId, triggerAsyncId } = ctx;
const tracer = createTracer(ctx).enable();
const ids = () => `execution=${tracer.label(executionAsyncId())} trigger=${tracer.label(triggerAsyncId())}`;

setTimeout(() => {
  log('timeout', ids());
  setImmediate(() => log('immediate', ids()));
  process.nextTick(() => log('tick', ids()));
  queueMicrotask(() => log('microtask', ids()));
  Promise.resolve().then(() => log('then', ids()));
  log('timeout, after scheduling', ids());
}, 1);
log('top', ids());
