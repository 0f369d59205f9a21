// docs/semantics.md §6.3: errors pass through instrumented sources unchanged: the same object
// arrives where it is caught, its stack string is the one it had when it was made, and
// the frames on top are still the user's (make <- thrower).
const { AsyncLocalStorage, AsyncResource } = require('#ctx');
const { EventEmitter } = require('node:events');
const { log } = require('../_lib/out.cjs');

const als = new AsyncLocalStorage();
const made = new Map(); // error -> stack right after creation

function make(label) {
  const error = new Error(label);
  made.set(error, error.stack);
  return error;
}

function report(label, error) {
  const [, first = '', second = ''] = error.stack.split('\n');
  log(label, '| known object:', made.has(error), '| stack unchanged:', made.get(error) === error.stack,
    '| top frames are the user\'s:', /\bmake\b/.test(first) && /\bthrower\b/.test(second) && second.includes(__filename));
}

const stages = [];
process.on('uncaughtException', (error) => { report(`uncaught from ${error.message}`, error); stages.shift()?.(); });

function thrower(label) { throw make(label); }

als.run('s', () => {
  Promise.resolve().then(() => thrower('then')).catch((e) => report('then -> catch', e));
  Promise.resolve({ then() { thrower('thenable'); } }).catch((e) => report('thenable -> catch', e));
  new Promise(() => thrower('executor')).catch((e) => report('executor -> catch', e));
  try { als.run('x', () => thrower('run')); } catch (e) { report('run -> try/catch', e); }
  try { AsyncLocalStorage.snapshot()(() => thrower('snapshot')); } catch (e) { report('snapshot -> try/catch', e); }
  try { new AsyncResource('R').runInAsyncScope(() => thrower('runInAsyncScope')); } catch (e) { report('runInAsyncScope -> try/catch', e); }
  const emitter = new EventEmitter();
  emitter.on('e', () => thrower('listener'));
  try { emitter.emit('e'); } catch (e) { report('listener -> try/catch', e); }

  // Uncaught ones, one at a time.
  stages.push(() => setImmediate(() => thrower('setImmediate')));
  stages.push(() => process.nextTick(() => thrower('nextTick')));
  stages.push(() => queueMicrotask(() => thrower('queueMicrotask')));
  setTimeout(() => thrower('setTimeout'), 1);
});
