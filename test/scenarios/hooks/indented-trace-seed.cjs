// Seed example (async context, indented trace): init lines show trigger and execution
// ids, callbacks indent what happens inside them. The original listens on a TCP server
// and gets its callback through process.nextTick; here the nextTick is kept and the
// server (TCPSERVERWRAP) left out, since the portable engine cannot see sockets.
const { createHook, executionAsyncId } = require('#ctx');
const { createIdLabels } = require('../_lib/ids.cjs');
const { log } = require('../_lib/out.cjs');

const ids = createIdLabels();
ids.label(executionAsyncId());
const types = new Set(['Timeout', 'TickObject']);

let indent = 0;
createHook({
  init(asyncId, type, triggerAsyncId) {
    if (!types.has(type)) return;
    const eid = executionAsyncId();
    const indentStr = ' '.repeat(indent);
    log(`${indentStr}${type}(${ids.label(asyncId)}): trigger: ${ids.peek(triggerAsyncId)} execution: ${ids.peek(eid)}`);
  },
  before(asyncId) {
    if (!ids.has(asyncId)) return;
    log(`${' '.repeat(indent)}before:  ${ids.peek(asyncId)}`);
    indent += 2;
  },
  after(asyncId) {
    if (!ids.has(asyncId)) return;
    indent -= 2;
    log(`${' '.repeat(indent)}after:  ${ids.peek(asyncId)}`);
  },
}).enable();

process.nextTick(() => { // stands for the listen() callback
  // Let's wait 10ms before logging the server started.
  setTimeout(() => {
    log('>>>', ids.label(executionAsyncId()));
    process.nextTick(() => {});
  }, 10);
});
