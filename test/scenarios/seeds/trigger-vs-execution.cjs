// Seed example (triggerAsyncId): a connection resource is created from some unrelated
// callback but triggered by its server, so its trigger id and the execution id at its
// init differ. Net's TCPSERVERWRAP/TCPWRAP are replaced by AsyncResources (the portable
// engine cannot see sockets).
const { AsyncResource, createHook, executionAsyncId } = require('#ctx');
const { createIdLabels } = require('../_lib/ids.cjs');
const { log } = require('../_lib/out.cjs');

const ids = createIdLabels();
ids.label(executionAsyncId());

createHook({
  init(asyncId, type, triggerAsyncId) {
    if (type !== 'SERVER' && type !== 'CONNECTION') return;
    const eid = executionAsyncId();
    log(`${type}(${ids.label(asyncId)}): trigger: ${ids.peek(triggerAsyncId)} execution: ${ids.label(eid)}`);
  },
}).enable();

const server = new AsyncResource('SERVER');
setImmediate(() => {
  // A connection arrives: created here, caused by the server.
  const conn = new AsyncResource('CONNECTION', { triggerAsyncId: server.asyncId() });
  conn.runInAsyncScope(() => log('in connection scope: execution', ids.peek(executionAsyncId())));
});
