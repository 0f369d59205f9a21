// waits-for: transform
// The register entry: starting it makes no async resource that a hook
// enabled at the program's top could see. Every `before` such a hook gets is for a resource
// whose `init` it got (Node's module-hooks machinery runs on its own, not through the engine).
// Promises aside: with any --import, Node loads the main module through its ES module loader,
// whose promises, made before the hook, react after it (natively too: before and after
// without init, as for every promise made before a hook).
const { createHook, executionAsyncId, executionAsyncResource } = require('#ctx');
const { log } = require('../_lib/out.cjs');

const initialized = new Set([executionAsyncId()]);
const unannounced = [];
createHook({
  init(asyncId) {
    initialized.add(asyncId);
  },
  before(asyncId) {
    if (!initialized.has(asyncId) && !(executionAsyncResource() instanceof Promise)) unannounced.push(asyncId);
  },
}).enable();

setTimeout(() => {
  setImmediate(() => {
    log('callbacks whose resource had no init:', unannounced.length);
  });
}, 1);
