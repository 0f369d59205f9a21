// A promise made while no hook was enabled, whose reaction runs once one is: Node gives the
// derived promise a fresh id there (no init), emits before, runs the reaction with that id as
// executionAsyncId() (trigger 0, the promise as resource), then promiseResolve and after. A
// hook enabled inside the reaction still gets that reaction's after.
const { createHook, executionAsyncId, triggerAsyncId, executionAsyncResource } = require('#ctx');
const { log } = require('../_lib/out.cjs');
const { createIdLabels } = require('../_lib/ids.cjs');

const ids = createIdLabels();
ids.label(executionAsyncId());

const derived = Promise.resolve('value').then((value) => {
  log('reaction', value, 'eid', ids.label(executionAsyncId()), 'trigger', ids.label(triggerAsyncId()),
    'resource is the derived promise', executionAsyncResource() === derived);
  createHook({ after(asyncId) { log('late hook: after', ids.label(asyncId)); } }).enable();
  return 'done';
});

createHook({
  init(asyncId, type, trigger) { log('init', type, ids.label(asyncId), 'trigger', ids.label(trigger)); },
  before(asyncId) { log('before', ids.label(asyncId)); },
  after(asyncId) { log('after', ids.label(asyncId)); },
  promiseResolve(asyncId) { log('promiseResolve', ids.label(asyncId)); },
}).enable();
log('hook enabled at the top, eid', ids.label(executionAsyncId()));
