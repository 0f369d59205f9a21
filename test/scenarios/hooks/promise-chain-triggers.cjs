// docs/semantics.md §4: promise resources in a chain: each derived promise is triggered by the
// promise it was derived from; before/after wrap then/catch callbacks; promiseResolve
// marks each resolution. (finally() is left out: V8 makes extra internal promises for it.)
const ctx = require('#ctx');
const { createTracer } = require('../_lib/tracer.cjs');
const { log } = require('../_lib/out.cjs');

const { executionAsyncId } = ctx;
const tracer = createTracer(ctx).enable();

const root = Promise.resolve('r');
root
  .then((v) => { log('then runs as', tracer.label(executionAsyncId())); throw new Error(v); })
  .catch(() => { log('catch runs as', tracer.label(executionAsyncId())); return 'c'; })
  .then((v) => log('last then got', v, 'runs as', tracer.label(executionAsyncId())));
const rejected = Promise.reject(new Error('x'));
rejected.then(null, () => log('onRejected runs as', tracer.label(executionAsyncId())));
