// waits-for: transform
// docs/semantics.md §4, PROMISE resources of async functions: a call's promise is made before
// its body runs, triggered by the caller, and resolved when the body returns or throws; each
// `await v` resumes on a promise of its own, triggered by v's promise (for a value that is not
// a native promise, by a promise wrapping it, triggered by the function's; a thenable's `then`
// runs as that wrapper), whose hooks wrap the continuation, promiseResolve just before after;
// a returned promise is adopted as the function's promise. Nothing here derives from a call's
// promise (the portable engine stands in for it: see the README).
const ctx = require('#ctx');
const { createTracer } = require('../_lib/tracer.cjs');
const { log } = require('../_lib/out.cjs');

const { executionAsyncId } = ctx;
const thenable = { then(resolve) { log('thenable then runs as', tracer.label(executionAsyncId())); resolve(7); } };

async function plain() {
  log('body starts as', tracer.label(executionAsyncId()));
  await 1;
  log('after await 1 as', tracer.label(executionAsyncId()));
  await thenable;
  log('after await thenable as', tracer.label(executionAsyncId()));
  await nativePromise;
  log('after await promise as', tracer.label(executionAsyncId()));
  return 5;
}
async function adopting() {
  await null;
  return returned;
}
async function throwing() {
  await null;
  throw new Error('thrown');
}
async function synchronous() {
  log('no await, returns at once');
  if (nativePromise) return 1;
  await null;
}

process.on('unhandledRejection', () => log('unhandled rejection'));
let tracer;
let nativePromise;
let returned;
setTimeout(() => {
  tracer = createTracer(ctx).enable();
  log('caller runs as', tracer.label(executionAsyncId()));
  nativePromise = Promise.resolve(2);
  returned = Promise.resolve(3);
  plain();
  log('plain() returned');
  adopting();
  throwing();
  synchronous();
  setTimeout(() => tracer.disable(), 5);
}, 1);
