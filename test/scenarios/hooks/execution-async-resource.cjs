// Seed (executionAsyncResource): inside a timer or immediate callback it is the timer or
// immediate object itself; inside runInAsyncScope the AsyncResource; outside again the
// top-level object. In a then() callback it is the derived promise while a hook is
// enabled (promise tracking).
const { AsyncResource, createHook, executionAsyncResource } = require('#ctx');
const { log } = require('../_lib/out.cjs');

const top = executionAsyncResource();
const timer = setTimeout(() => {
  log('in timeout: the Timeout object', executionAsyncResource() === timer);
  const immediate = setImmediate(() => log('in immediate: the Immediate object', executionAsyncResource() === immediate));
  const resource = new AsyncResource('Res');
  resource.runInAsyncScope(() => log('in runInAsyncScope: the resource', executionAsyncResource() === resource));
  log('after runInAsyncScope: the Timeout again', executionAsyncResource() === timer);
  setTimeout(promises, 1);
}, 1);

function promises() {
  const hook = createHook({ init() {} }).enable();
  const derived = Promise.resolve().then(() => {
    log('in then, hook enabled: the derived promise', executionAsyncResource() === derived);
    hook.disable();
  });
}
log('top level: same object as before', executionAsyncResource() === top);
