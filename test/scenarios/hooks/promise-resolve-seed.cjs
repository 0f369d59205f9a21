// Seed example (promiseResolve): `new Promise((resolve) => resolve(true)).then(...)`
// gives init for both promises (the then() promise triggered by the first), a
// promiseResolve for each, and before/after around the then() callback only.
const ctx = require('#ctx');
const { createTracer } = require('../_lib/tracer.cjs');
const { log } = require('../_lib/out.cjs');

const { executionAsyncId, triggerAsyncId } = ctx;
const tracer = createTracer(ctx).enable();

new Promise((resolve) => resolve(true)).then((a) => {
  log('then callback: execution', tracer.label(executionAsyncId()), 'trigger', tracer.label(triggerAsyncId()));
});
