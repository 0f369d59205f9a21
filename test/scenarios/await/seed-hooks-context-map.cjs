// waits-for: transform
// Seed example (usage with async/await, hook-based): a context map keyed by execution
// id, copied from trigger to new resource at init. With promise tracking on, the value
// set at the start of main() is found after its awaits. (fs is not used.)
const async_hooks = require('#ctx');
const { log } = require('../_lib/out.cjs');

const asyncContextMap = new Map();

const hooks = async_hooks.createHook({
  init(asyncId, type, triggerAsyncId) {
    if (asyncContextMap.has(triggerAsyncId)) {
      asyncContextMap.set(asyncId, asyncContextMap.get(triggerAsyncId));
    }
  },
  destroy(asyncId) {
    asyncContextMap.delete(asyncId);
  },
});
hooks.enable();

function setContext(value) {
  asyncContextMap.set(async_hooks.executionAsyncId(), value);
}

function getContext() {
  return asyncContextMap.get(async_hooks.executionAsyncId());
}

async function main() {
  setContext({ userId: '123', role: 'admin' });
  await otherAsyncFunction();
  log('main after await:', getContext());
}

async function otherAsyncFunction() {
  await new Promise((resolve) => setTimeout(resolve, 100));
  log('In otherAsyncFunction:', getContext());
}

main().catch((e) => log('error', e.message));
