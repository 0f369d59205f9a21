// Several hooks: each event reaches every enabled hook, in the order the hooks were
// enabled; re-enabling moves nothing and disabling one leaves the others.
const ctx = require('#ctx');
const { createIdLabels } = require('../_lib/ids.cjs');
const { log } = require('../_lib/out.cjs');

const { createHook } = ctx;
const ids = createIdLabels();
const known = new Set();

function recorder(name) {
  return createHook({
    init(id, type) { if (type === 'Timeout') { known.add(id); log(name, 'init', ids.label(id)); } },
    before(id) { if (known.has(id)) log(name, 'before', ids.peek(id)); },
    after(id) { if (known.has(id)) log(name, 'after', ids.peek(id)); },
  });
}

const first = recorder('first');
const second = recorder('second');
second.enable();
first.enable();
second.enable();
setTimeout(() => {
  second.disable();
  setTimeout(() => first.disable(), 1);
}, 1);
