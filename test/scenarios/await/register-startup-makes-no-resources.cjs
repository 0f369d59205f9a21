// waits-for: transform
// The register entry: starting it makes no async resource that a hook
// enabled at the program's top could see. Every `before` such a hook gets is for a resource
// whose `init` it got (Node's module-hooks machinery runs on its own, not through the engine).
const { createHook, executionAsyncId } = require('#ctx');
const { log } = require('../_lib/out.cjs');

const initialized = new Set([executionAsyncId()]);
const unannounced = [];
createHook({
  init(asyncId) {
    initialized.add(asyncId);
  },
  before(asyncId) {
    if (!initialized.has(asyncId)) unannounced.push('before');
  },
  after(asyncId) {
    if (!initialized.has(asyncId)) unannounced.push('after');
  },
}).enable();

setTimeout(() => {
  setImmediate(() => {
    log('callbacks whose resource had no init:', unannounced.length);
  });
}, 1);
