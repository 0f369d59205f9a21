// Seed (overview, executionAsyncId, executionAsyncResource) and docs/semantics.md §4: at a
// CommonJS top level the execution id is 1 and the trigger id 0;
// executionAsyncResource() is an object, the same one each time.
const { executionAsyncId, triggerAsyncId, executionAsyncResource } = require('#ctx');
const { log } = require('../_lib/out.cjs');

log('executionAsyncId', executionAsyncId());
log('triggerAsyncId', triggerAsyncId());
const top = executionAsyncResource();
log('executionAsyncResource is an object', typeof top === 'object' && top !== null, 'stable', top === executionAsyncResource());
log('keys', Object.keys(top));
