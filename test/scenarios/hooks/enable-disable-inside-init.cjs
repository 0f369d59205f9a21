// docs/semantics.md §4, "a hook enabled or disabled while hooks are firing takes effect from the
// next event" (Node's test-enable-in-init and test-disable-in-init, with timers for fs): a hook
// enabled inside another hook's init gets no init for a timer made inside that init callback,
// and one disabled there still gets it; both changes hold for the next timer.
const ctx = require('#ctx');
const { log } = require('../_lib/out.cjs');

const { createHook } = ctx;
const names = new Map();
const nameOf = (id) => names.get(id) ?? '?';

const enabledInInit = createHook({
  init(id, type) { if (type === 'Timeout') log('enabled-in-init: init of', nameOf(id)); },
});
const disabledInInit = createHook({
  init(id, type) { if (type === 'Timeout') log('disabled-in-init: init of', nameOf(id)); },
});

let first = true;
let naming = 'outer timer';
createHook({
  init(id, type) {
    if (type !== 'Timeout') return;
    names.set(id, naming);
    log('main: init of', naming);
    if (!first) return;
    first = false;
    enabledInInit.enable();
    disabledInInit.disable();
    naming = 'timer made inside init';
    setTimeout(() => {}, 1);
    naming = 'later timer';
  },
}).enable();
disabledInInit.enable();

setTimeout(() => {
  log('outer timer runs');
  setTimeout(() => log('later timer runs'), 1);
}, 1);
