// Seed examples (asyncResource.runInAsyncScope and asyncResource.asyncId()): inside
// runInAsyncScope executionAsyncId() is the resource's id, outside it is the caller's;
// emitDestroy afterwards. fs.readFile is replaced by a timer (the portable engine
// cannot see native I/O).
const { AsyncResource, executionAsyncId } = require('#ctx');
const { createIdLabels } = require('../_lib/ids.cjs');
const { log } = require('../_lib/out.cjs');

const ids = createIdLabels();
const asyncResource = new AsyncResource('request');

setTimeout(() => {
  const callbackId = executionAsyncId();
  asyncResource.runInAsyncScope(() => {
    log('execution id in scope:', ids.label(executionAsyncId()), 'is the resource id:', executionAsyncId() === asyncResource.asyncId());
  });
  log('execution id in the timer callback:', ids.label(callbackId), 'differs from the resource:', callbackId !== asyncResource.asyncId());
}, 1);

log('outer execution id:', ids.label(executionAsyncId()));

function someAsyncOperation(callback) {
  const resource = new AsyncResource('SOME_OPERATION_TYPE');
  setTimeout(() => {
    resource.runInAsyncScope(() => {
      const id = resource.asyncId();
      log(`The async ID is: ${ids.label(id)}`, 'same as execution id:', id === executionAsyncId());
      callback();
    });
    resource.emitDestroy();
  }, 5);
}

someAsyncOperation(() => {
  log('Async operation completed');
});
