// An 'unhandledRejection' listener runs as the rejected promise (Node pushes the promise's
// async context before it emits): executionAsyncId() is the promise's id, triggerAsyncId()
// its trigger, executionAsyncResource() the promise itself, while a hook gives promises ids;
// and in the rejection's frame.
const { AsyncLocalStorage, createHook, executionAsyncId, triggerAsyncId, executionAsyncResource } = require('#ctx');
const { log } = require('../_lib/out.cjs');
const { createIdLabels } = require('../_lib/ids.cjs');

const ids = createIdLabels();
const als = new AsyncLocalStorage();
const promises = new Map();
createHook({
  init(asyncId, type, trigger, resource) {
    if (type === 'PROMISE') promises.set(resource, [asyncId, trigger]);
  },
}).enable();

process.on('unhandledRejection', (reason, promise) => {
  const [asyncId, trigger] = promises.get(promise) ?? [];
  log('unhandledRejection', reason.message, 'store', als.getStore());
  log('  execution id is the promise\'s:', executionAsyncId() === asyncId, ids.label(executionAsyncId()));
  log('  trigger id is the promise\'s trigger:', triggerAsyncId() === trigger, ids.label(triggerAsyncId()));
  log('  resource is the promise:', executionAsyncResource() === promise);
});

setTimeout(() => {
  ids.label(executionAsyncId());
  als.run('rejected', () => {
    Promise.reject(new Error('first'));
  });
  als.run('thrown', () => {
    Promise.resolve().then(() => { throw new Error('second'); });
  });
}, 1);
