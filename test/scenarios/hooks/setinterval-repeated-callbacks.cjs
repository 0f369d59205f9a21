// An interval is one Timeout resource: one init, a before/after pair per tick, one
// destroy after clearInterval; resources made in a tick are triggered by it.
const ctx = require('#ctx');
const { createTracer } = require('../_lib/tracer.cjs');
const { log } = require('../_lib/out.cjs');

const { executionAsyncId } = ctx;
const tracer = createTracer(ctx).enable();

let ticks = 0;
const interval = setInterval(() => {
  ticks += 1;
  log('tick', ticks, 'as', tracer.label(executionAsyncId()));
  if (ticks === 3) {
    clearInterval(interval);
    process.nextTick(() => log('tick scheduled by the last interval tick'));
  }
}, 1);
