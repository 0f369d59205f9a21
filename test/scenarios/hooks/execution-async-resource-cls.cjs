// Seed example (executionAsyncResource): continuation-local state kept on resources,
// copied from the current resource at every init. The HTTP server of the original is
// replaced by timers (the portable engine cannot see sockets): each "request" stores its
// state on its own resource and reads it back in a later timer.
const { executionAsyncResource, createHook } = require('#ctx');
const { log } = require('../_lib/out.cjs');

const sym = Symbol('state'); // Private symbol to avoid pollution

createHook({
  init(asyncId, type, triggerAsyncId, resource) {
    const cr = executionAsyncResource();
    if (cr) {
      resource[sym] = cr[sym];
    }
  },
}).enable();

for (const url of ['/a', '/b']) {
  setTimeout(() => { // stands for the request callback
    executionAsyncResource()[sym] = { state: url };
    setTimeout(function () {
      log(JSON.stringify(executionAsyncResource()[sym]));
    }, 10);
  }, 1);
}
