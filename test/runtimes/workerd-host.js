// The worker that runs one scenario inside workerd (`workerd test`): workerd allows no
// timers at a module's top level, so the scenario's module body is wrapped into the
// function `runScenario` (see workerd.mjs) and called from the test handler. Node's
// process 'exit' never comes in a worker: the handler waits until no timer is pending,
// emits it itself, and prints what the scenario wrote to fd 1 between two marker lines.
import runScenario from './scenario.js';
import * as async_hooks from 'node:async_hooks';
import * as events from 'node:events';
import * as util from 'node:util';

const written = [];
// _lib/out.cjs writes with fs.writeSync(1, buffer, offset); that is all it needs of node:fs.
const fs = {
  writeSync(fd, buffer, offset = 0) {
    const text = new TextDecoder().decode(buffer.subarray(offset));
    (fd === 1 ? written : []).push(text);
    return buffer.length - offset;
  },
};
globalThis.__asyncctxBuiltins = {
  'node:fs': fs,
  'node:util': util.default ?? util,
  'node:events': events.default ?? events,
  'node:async_hooks': async_hooks.default ?? async_hooks,
};

// Counts the timers still to run, below whatever the engine installs on top later.
let pending = 0;
const live = new Set();
function counting(setName, clearName, repeats) {
  const set = globalThis[setName];
  const clear = globalThis[clearName];
  if (typeof set !== 'function') return;
  globalThis[setName] = function (callback, ...rest) {
    let handle;
    const run = typeof callback === 'function'
      ? function (...args) {
          if (!repeats && live.delete(handle)) pending -= 1;
          return callback.apply(this, args);
        }
      : callback;
    handle = set.call(this, run, ...rest);
    live.add(handle);
    pending += 1;
    return handle;
  };
  globalThis[clearName] = function (handle) {
    if (live.delete(handle)) pending -= 1;
    return clear.call(this, handle);
  };
}
const baseSetTimeout = globalThis.setTimeout;
counting('setTimeout', 'clearTimeout', false);
counting('setInterval', 'clearInterval', true);
counting('setImmediate', 'clearImmediate', false);

const turn = () => new Promise((resolve) => baseSetTimeout(resolve, 0));

export default {
  async test() {
    let exitCode = 0;
    const errors = [];
    globalThis.addEventListener?.('error', (event) => { errors.push(String(event.error?.stack ?? event.message)); exitCode = 1; });
    try {
      await runScenario();
    } catch (error) {
      errors.push(String(error?.stack ?? error));
      exitCode = 1;
    }
    // Idle: no timer pending over a few turns (microtasks drain between turns).
    for (let quiet = 0, turns = 0; quiet < 3 && turns < 2000; turns += 1) {
      await turn();
      quiet = pending === 0 ? quiet + 1 : 0;
    }
    if (typeof process !== 'undefined' && typeof process.emit === 'function') process.emit('exit', process.exitCode ?? exitCode);
    console.log(`@@stdout-begin@@${JSON.stringify({ exitCode: process?.exitCode ?? exitCode, stdout: written.join(''), errors })}@@stdout-end@@`);
  },
};
