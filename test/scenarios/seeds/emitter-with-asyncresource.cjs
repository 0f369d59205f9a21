// Seed example (integrating AsyncResource with EventEmitter, overview version): an
// emitter that emits inside a fresh AsyncResource's scope; listeners run with that
// resource's execution id, triggered by the emitting code.
const { AsyncResource, executionAsyncId, triggerAsyncId } = require('#ctx');
const { EventEmitter } = require('node:events');
const { createIdLabels } = require('../_lib/ids.cjs');
const { log } = require('../_lib/out.cjs');

const ids = createIdLabels();
const resources = [];

class MyEmitter extends EventEmitter {
  emitWithAsyncResource(event, ...args) {
    const asyncResource = new AsyncResource('MyEmitter', {
      triggerAsyncId: executionAsyncId(),
    });
    resources.push(asyncResource.asyncId());
    asyncResource.runInAsyncScope(() => {
      super.emit(event, ...args);
    });
    asyncResource.emitDestroy();
  }
}

const myEmitter = new MyEmitter();
myEmitter.on('event', () => {
  log(`listener: execution ${ids.label(executionAsyncId())} trigger ${ids.label(triggerAsyncId())}`,
    'is the emit resource', executionAsyncId() === resources[resources.length - 1]);
});

log('top level execution', ids.label(executionAsyncId()));
myEmitter.emitWithAsyncResource('event');
setTimeout(() => {
  log('timer execution', ids.label(executionAsyncId()));
  myEmitter.emitWithAsyncResource('event');
}, 1);
