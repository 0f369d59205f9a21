// A hook enabled after a resource was created still gets that resource's before/after
// (and destroy), just not its init.
const { createHook, executionAsyncId } = require('#ctx');
const { atExit, log } = require('../_lib/out.cjs');

const events = [];
let timerId;
setTimeout(() => {
  timerId = executionAsyncId();
  events.push('callback');
}, 1);

createHook({
  init(id, type) { if (type === 'Timeout') events.push('init'); },
  before(id) { events.push(['before', id]); },
  after(id) { events.push(['after', id]); },
  destroy(id) { events.push(['destroy', id]); },
}).enable();

atExit(() => {
  const mine = events.filter((e) => typeof e === 'string' || e[1] === timerId).map((e) => (typeof e === 'string' ? e : e[0]));
  log('events of the timer created before enable:', mine.join(' '));
});
