// docs/semantics.md §4: a hook enabled while hooks are firing takes effect from the next event:
// it misses the init that enabled it but gets the following ones.
const ctx = require('#ctx');
const { createIdLabels } = require('../_lib/ids.cjs');
const { log } = require('../_lib/out.cjs');

const { createHook, AsyncResource } = ctx;
const ids = createIdLabels();
const watched = new Set(['Timeout', 'Job']);

const late = createHook({
  init(id, type) { if (watched.has(type)) log('late: init', type, ids.label(id)); },
  before(id) { if (ids.has(id)) log('late: before', ids.peek(id)); },
  after(id) { if (ids.has(id)) log('late: after', ids.peek(id)); },
});
const early = createHook({
  init(id, type) {
    if (!watched.has(type)) return;
    log('early: init', type, ids.label(id));
    late.enable();
  },
  before(id) { if (ids.has(id)) log('early: before', ids.peek(id)); },
  after(id) { if (ids.has(id)) log('early: after', ids.peek(id)); },
});

early.enable();
setTimeout(() => {
  log('first timer callback');
  new AsyncResource('Job').runInAsyncScope(() => log('in job'));
}, 1);
setTimeout(() => log('second timer callback'), 1);
