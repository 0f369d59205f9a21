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
globalThis.__anyctxBuiltins = {
  'node:fs': fs,
  'node:util': util.default ?? util,
  'node:events': events.default ?? events,
  'node:async_hooks': async_hooks.default ?? async_hooks,
};

// Counts the timers still to run, below whatever the engine installs on top later.
let pending = 0;
const live = new Set();
const over = new WeakSet(); // timers that ran (once) or were cleared: ref() cannot revive them
function counting(setName, clearName, repeats) {
  const set = globalThis[setName];
  const clear = globalThis[clearName];
  if (typeof set !== 'function') return;
  const counted = function (callback, ...rest) {
    let handle;
    const run = typeof callback === 'function'
      ? function (...args) {
          if (!repeats) over.add(handle);
          if (!repeats && live.delete(handle)) pending -= 1;
          return callback.apply(this, args);
        }
      : callback;
    handle = set.call(this, run, ...rest);
    live.add(handle);
    pending += 1;
    // As in Node, an unref'd timer does not keep the run going.
    if (typeof handle?.unref === 'function') {
      const { ref, unref } = handle;
      handle.unref = function () {
        if (live.delete(handle)) pending -= 1;
        return unref.call(this);
      };
      handle.ref = function () {
        if (!live.has(handle) && !over.has(handle)) {
          live.add(handle);
          pending += 1;
        }
        return ref.call(this);
      };
    }
    return handle;
  };
  const cleared = function (handle) {
    // A timer may be cleared by its numeric id (Number(timeout)) too.
    const found = live.has(handle) ? handle : [...live].find((h) => typeof h === 'object' && h !== null && Number(h) === Number(handle));
    if (found !== undefined) over.add(found);
    if (live.delete(found)) pending -= 1;
    return clear.call(this, handle);
  };
  // The globals keep their names (scenarios print them).
  globalThis[setName] = Object.defineProperty(counted, 'name', { value: set.name });
  globalThis[clearName] = Object.defineProperty(cleared, 'name', { value: clear.name });
}
const baseSetTimeout = globalThis.setTimeout;
counting('setTimeout', 'clearTimeout', false);
counting('setInterval', 'clearInterval', true);
counting('setImmediate', 'clearImmediate', false);

// The harness's own promises are made with the Promise the engine has not replaced yet
// (it installs when runScenario runs): with a hook enabled, the engine's would report them
// as the scenario's (init PROMISE ... at the end of every hooks scenario).
const NativePromise = Promise;
const turn = (ms) => new NativePromise((resolve) => baseSetTimeout(resolve, ms));

let exitCode = 0;
const errors = [];
// Emits 'exit' once and prints the report: when the run goes idle, or at process.exit().
let finished = false;
function finish() {
  if (finished) return;
  finished = true;
  if (typeof process !== 'undefined' && typeof process.emit === 'function') process.emit('exit', process.exitCode ?? exitCode);
  console.log(`@@stdout-begin@@${JSON.stringify({ exitCode: process?.exitCode ?? exitCode, stdout: written.join(''), errors })}@@stdout-end@@`);
}
// workerd's process.exit() cancels the request at once, with no 'exit' event; Node's emits
// 'exit' first (the engine calls it when a hook callback throws).
if (typeof process !== 'undefined' && typeof process.exit === 'function') {
  const exit = process.exit;
  process.exit = function (code) {
    if (code !== undefined) process.exitCode = code;
    finish();
    return exit.call(this, code);
  };
}

export default {
  async test() {
    globalThis.addEventListener?.('error', (event) => { errors.push(String(event.error?.stack ?? event.message)); exitCode = 1; });
    try {
      await runScenario();
    } catch (error) {
      errors.push(String(error?.stack ?? error));
      exitCode = 1;
    }
    // Idle: no timer pending over a few turns (microtasks drain between turns). While
    // timers are pending the harness waits in steps of a few milliseconds, so that a long
    // timer (100 ms) is waited for; at most 15 s in all, within the runner's time limit.
    for (let quiet = 0, waited = 0; quiet < 3 && waited < 15_000;) {
      const step = pending === 0 ? 0 : 5;
      await turn(step);
      waited += step;
      quiet = pending === 0 ? quiet + 1 : 0;
    }
    finish();
  },
};
