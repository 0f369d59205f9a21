// Seed example (createHook): hook callbacks are looked up through the prototype chain.
const ctx = require('#ctx');
const { createIdLabels } = require('../_lib/ids.cjs');
const { atExit, log } = require('../_lib/out.cjs');

const { createHook, executionAsyncId } = ctx;
const ids = createIdLabels();
ids.label(executionAsyncId());
const destroyed = []; // printed at exit: destroy timing is not part of the contract

class MyAsyncCallbacks {
  init(asyncId, type, triggerAsyncId, resource) {
    if (type === 'Timeout') log('init (base class)', type, ids.label(asyncId), 'trigger', ids.peek(triggerAsyncId));
  }

  destroy(asyncId) { if (ids.has(asyncId)) destroyed.push(ids.peek(asyncId)); }
}

class MyAddedCallbacks extends MyAsyncCallbacks {
  before(asyncId) { if (ids.has(asyncId)) log('before (subclass)', ids.peek(asyncId)); }

  after(asyncId) { if (ids.has(asyncId)) log('after (subclass)', ids.peek(asyncId)); }
}

const asyncHook = createHook(new MyAddedCallbacks());
asyncHook.enable();
setTimeout(() => {
  log('callback');
  setTimeout(() => asyncHook.disable(), 5);
}, 1);
atExit(() => log('destroy (base class) saw:', destroyed.join(' ')));
