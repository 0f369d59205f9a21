// docs/semantics.md §4: asyncId() is unique per resource; triggerAsyncId() defaults to the
// execution id at construction or takes the option; inside runInAsyncScope the
// execution id is the resource's id and the trigger id is its trigger.
// CommonJS, so the top level has Node's top-level execution id.
const { AsyncResource, executionAsyncId, triggerAsyncId } = require('#ctx');
const { createIdLabels } = require('../_lib/ids.cjs');
const { log } = require('../_lib/out.cjs');

const ids = createIdLabels();
log('top level execution id', ids.label(executionAsyncId()));

const a = new AsyncResource('A');
const b = new AsyncResource('B');
log('distinct ids', a.asyncId() !== b.asyncId(), 'numbers', typeof a.asyncId(), typeof a.triggerAsyncId());
log('default trigger is the execution id at construction', a.triggerAsyncId() === executionAsyncId());

const child = a.runInAsyncScope(() => new AsyncResource('Child'));
log('created inside a\'s scope: trigger is a', child.triggerAsyncId() === a.asyncId());

const explicit = new AsyncResource('Explicit', { triggerAsyncId: b.asyncId() });
log('explicit trigger option honoured', explicit.triggerAsyncId() === b.asyncId());

explicit.runInAsyncScope(() => {
  log('inside: execution id is its asyncId', executionAsyncId() === explicit.asyncId());
  log('inside: trigger id is its triggerAsyncId', triggerAsyncId() === explicit.triggerAsyncId());
  child.runInAsyncScope(() => log('nested: execution id', executionAsyncId() === child.asyncId(), 'trigger', triggerAsyncId() === a.asyncId()));
  log('back in outer scope', executionAsyncId() === explicit.asyncId());
});
log('top level again', ids.label(executionAsyncId()));
