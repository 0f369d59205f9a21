// docs/semantics.md §4: a hook disabled while hooks are firing takes effect from the next event:
// the other hooks still get the current one, the disabled hook gets nothing after it.
const ctx = require('#ctx');
const { createIdLabels } = require('../_lib/ids.cjs');
const { log } = require('../_lib/out.cjs');

const { createHook, AsyncResource } = ctx;
const ids = createIdLabels();
const watched = new Set(['Timeout', 'Job']);

let selfDisabling;
const make = (name, onAfter) => createHook({
  init(id, type) { if (watched.has(type)) log(name, 'init', type, ids.label(id)); },
  before(id) { if (ids.has(id)) log(name, 'before', ids.peek(id)); },
  after(id) { if (ids.has(id)) { log(name, 'after', ids.peek(id)); onAfter?.(); } },
});

selfDisabling = make('self-disabling', () => selfDisabling.disable());
const other = make('other');
selfDisabling.enable();
other.enable();

setTimeout(() => {
  new AsyncResource('Job').runInAsyncScope(() => log('in job'));
  log('back in timer callback');
}, 1);
setTimeout(() => log('second timer'), 1);
