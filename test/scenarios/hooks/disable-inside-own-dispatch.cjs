// docs/semantics.md §4, "a hook enabled or disabled while hooks are firing takes effect from the
// next event", as Node does it: the set of hooks is fixed for a whole dispatch, nested events
// included. A hook that disables itself inside its init callback still gets the events that
// callback causes (the init of a timer it creates, an AsyncResource's init, before and after),
// and a hook enabled there gets none of them; both changes take effect once the outermost
// dispatch has ended, and the other hooks get the rest of the event that was being dispatched.
const ctx = require('#ctx');
const { log } = require('../_lib/out.cjs');

const { createHook, AsyncResource } = ctx;
const types = new Map();
const watched = new Set(['Timeout', 'Immediate', 'Job', 'Inner', 'Later']);

const self = createHook({
  init(id, type) {
    if (!watched.has(type)) return;
    types.set(id, type);
    log('self init', type);
    if (type !== 'Job') return;
    self.disable();
    late.enable();
    log('self disabled itself, late enabled');
    clearTimeout(setTimeout(() => {}, 1));
    new AsyncResource('Inner').runInAsyncScope(() => log('in Inner'));
  },
  before(id) { if (types.has(id)) log('self before', types.get(id)); },
  after(id) { if (types.has(id)) log('self after', types.get(id)); },
});
const late = createHook({ init(id, type) { if (watched.has(type)) log('late init', type); } });
const other = createHook({ init(id, type) { if (watched.has(type)) log('other init', type); } });
self.enable();
other.enable();

setTimeout(() => {
  new AsyncResource('Job');
  log('after Job');
  new AsyncResource('Later');
  self.enable();
  log('self enabled again');
  setImmediate(() => {
    self.disable();
    late.disable();
    other.disable();
  });
}, 1);
