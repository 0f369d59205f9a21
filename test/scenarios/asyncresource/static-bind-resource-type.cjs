// AsyncResource.bind(fn[, type]) creates a resource whose init reports the given type,
// or one derived from the function name when none is given.
const ctx = require('#ctx');
const { createTracer } = require('../_lib/tracer.cjs');
const { log } = require('../_lib/out.cjs');

const { AsyncResource } = ctx;
createTracer(ctx).enable();

function namedHandler() { return 'named'; }
const withType = AsyncResource.bind(() => 'typed', 'CustomType');
const named = AsyncResource.bind(namedHandler);
const anonymous = AsyncResource.bind(() => 'anon');
log('calls:', withType(), named(), anonymous());
