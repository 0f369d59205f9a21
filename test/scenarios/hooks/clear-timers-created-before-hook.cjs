// docs/semantics.md §4: a timer made while no hook was enabled is a resource all the same:
// clearing it once a destroy hook is enabled emits its destroy (clearTimeout, clearInterval,
// clearImmediate), as a timer made before the hook and then run does. A timer cleared twice
// or after it ran is destroyed once.
const ctx = require('#ctx');
const { log, atExit } = require('../_lib/out.cjs');

const timeout = setTimeout(() => log('cleared timeout ran'), 5);
const interval = setInterval(() => log('cleared interval ran'), 5);
const immediate = setImmediate(() => log('cleared immediate ran'));
const runs = setTimeout(() => log('timeout made before the hook runs'), 1);
const ranAndCleared = setTimeout(() => log('timeout cleared after it ran'), 1);
let intervalId;
let intervalRuns = 0;
const clearsItself = setInterval(() => {
  intervalId = ctx.executionAsyncId();
  intervalRuns += 1;
  if (intervalRuns === 2) clearInterval(clearsItself);
}, 1);
const timeoutClearsItself = setTimeout(() => clearTimeout(timeoutClearsItself), 1);

const destroyed = [];
ctx.createHook({ destroy(asyncId) { destroyed.push(asyncId); } }).enable();

clearTimeout(timeout);
clearInterval(interval);
clearImmediate(immediate);
clearTimeout(timeout);
log('cleared three timers made before the hook');
setTimeout(() => {
  clearTimeout(ranAndCleared);
  clearTimeout(runs);
  log('cleared two timers that ran');
}, 10);

atExit(() => {
  log('destroys:', destroyed.length, 'distinct:', new Set(destroyed).size);
  log('interval destroyed with the id it ran with:', destroyed.includes(intervalId));
});
