// Seed example (init): `clearTimeout(setTimeout(() => {}, 10))` gives init and destroy
// with no before/after, since the callback never runs.
const ctx = require('#ctx');
const { createTracer } = require('../_lib/tracer.cjs');

createTracer(ctx).enable();

clearTimeout(setTimeout(() => {}, 10));
clearImmediate(setImmediate(() => {}));
