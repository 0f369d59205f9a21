// The page side of a browser scenario run (bundled by esbuild into a classic script that
// runs before the scenario's module, and so before the portable engine installs). A page
// has no process, no exit and no stdout: this file gives the scenario
// - `process` (an EventEmitter with exit, exitCode, argv, env) whose 'unhandledRejection',
//   'rejectionHandled' and 'uncaughtException' come from the window's own events, heard by
//   listeners added after the engine installed (so they see what the web sources give them);
// - `globalThis.__host.print`, which the node:fs stand-in writes the scenario's output to;
// - Node's exit: when no timer is pending any more, 'beforeExit' then 'exit' are emitted,
//   as Node does when its loop runs dry, and what was printed is posted to the server,
//   which answers with the next page to load.
// No nextTick and no setImmediate: scenarios using them are not applicable to browsers.
import { EventEmitter } from 'events';
import { createProcess, installBuffer, uncaughtText } from './prelude-shared.js';

const nativeSetTimeout = setTimeout;
const nativeClearTimeout = clearTimeout;
const nativeSetInterval = setInterval;
const nativeClearInterval = clearInterval;
const nativeFetch = fetch;

const run = Number(new URL(location.href).pathname.split('/').pop());
const output = { 1: [], 2: [] };
globalThis.__host = {
  print(fd, latin1) {
    (output[fd] ?? output[2]).push(latin1);
  },
};
function printText(fd, text) {
  globalThis.__host.print(fd, unescape(encodeURIComponent(text)));
}
installBuffer();

const proc = createProcess('browser', {});
let exited = false;
const exitSignal = new Error('process.exit()');
proc.exit = function exit(code) {
  if (code !== undefined) proc.exitCode = code;
  finish();
  // Unwinds the caller: nothing after process.exit() runs.
  throw exitSignal;
};
globalThis.process = proc;

// Node prints an error nobody handled and ends with exit code 1.
function die(error) {
  globalThis.__host.print(2, uncaughtText(error));
  proc.exitCode = 1;
  finish();
}

addEventListener('error', (event) => {
  event.preventDefault();
  if (event.error === exitSignal || exited) return;
  if (proc.listenerCount('uncaughtException') === 0) return die(event.error);
  try {
    proc.emit('uncaughtException', event.error, 'uncaughtException');
  } catch (second) {
    if (second !== exitSignal) die(second);
  }
});
// Unhandled rejections: with no process listener, Node's report and exit. Process listeners
// hear the window's events through a window listener added when the first of them is (so
// after the engine installed, as an app's own listener would be: it runs in the frame the
// engine gives the window's event).
addEventListener('unhandledrejection', (event) => {
  if (event.reason === exitSignal || exited) return;
  if (proc.listenerCount('unhandledRejection') === 0) {
    event.preventDefault();
    die(event.reason);
  }
});
let forwarding = false;
function forwardRejectionEvents() {
  if (forwarding) return;
  forwarding = true;
  addEventListener('unhandledrejection', (event) => {
    if (event.reason === exitSignal || exited || proc.listenerCount('unhandledRejection') === 0) return;
    event.preventDefault();
    try {
      proc.emit('unhandledRejection', event.reason, event.promise);
    } catch (error) {
      if (error !== exitSignal) die(error);
    }
  });
  addEventListener('rejectionhandled', (event) => {
    if (!exited) proc.emit('rejectionHandled', event.promise);
  });
}
for (const method of ['on', 'addListener', 'once', 'prependListener', 'prependOnceListener']) {
  proc[method] = function (event, listener) {
    if (event === 'unhandledRejection' || event === 'rejectionHandled') forwardRejectionEvents();
    return EventEmitter.prototype[method].call(this, event, listener);
  };
}

// Pending timers keep the "process" alive, as in Node. Wrapped before the engine installs,
// so the engine's instrumentation sits on top of this bookkeeping, as it would on the
// browser's own functions.
const pending = new Set();
function named(name, fn) {
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}
globalThis.setTimeout = named('setTimeout', function setTimeout(callback, delay, ...args) {
  const id = nativeSetTimeout(function () {
    pending.delete(id);
    return typeof callback === 'function' ? callback.apply(this, arguments) : undefined;
  }, delay, ...args);
  pending.add(id);
  return id;
});
globalThis.setInterval = named('setInterval', function setInterval(callback, delay, ...args) {
  const id = nativeSetInterval(callback, delay, ...args);
  pending.add(id);
  return id;
});
globalThis.clearTimeout = named('clearTimeout', function clearTimeout(id) {
  pending.delete(id);
  nativeClearTimeout(id);
});
globalThis.clearInterval = named('clearInterval', function clearInterval(id) {
  pending.delete(id);
  nativeClearInterval(id);
});

// Idle twice in a row (a task apart, so microtasks and the events they queue have run):
// the loop is dry. 'beforeExit' may schedule more; if it does not, the run ends.
const IDLE_CHECK_MS = 5;
const DEADLINE_MS = 15_000;
let idleChecks = 0;
let beforeExitEmitted = false;
function checkIdle() {
  if (exited) return;
  idleChecks = pending.size === 0 ? idleChecks + 1 : 0;
  if (idleChecks >= 2) {
    if (!beforeExitEmitted) {
      beforeExitEmitted = true;
      idleChecks = 0;
      emitGuarded('beforeExit');
    } else {
      return finish();
    }
  } else if (pending.size > 0) {
    beforeExitEmitted = false;
  }
  nativeSetTimeout(checkIdle, IDLE_CHECK_MS);
}
function emitGuarded(event) {
  try {
    proc.emit(event, proc.exitCode ?? 0);
  } catch (error) {
    if (error !== exitSignal) die(error);
  }
}
addEventListener('load', () => nativeSetTimeout(checkIdle, IDLE_CHECK_MS));
nativeSetTimeout(() => {
  if (exited) return;
  printText(2, `no exit within ${DEADLINE_MS} ms (timers pending: ${pending.size})\n`);
  post('timeout');
}, DEADLINE_MS);

function finish() {
  if (exited) return;
  exited = true;
  try {
    proc.emit('exit', proc.exitCode ?? 0);
  } catch (error) {
    if (error !== exitSignal) printText(2, `Uncaught in 'exit': ${error}\n`);
  }
  post(proc.exitCode ?? 0);
}

let posted = false;
function post(exitCode) {
  if (posted) return;
  posted = true;
  exited = true;
  for (const id of pending) nativeClearTimeout(id), nativeClearInterval(id);
  const body = JSON.stringify({ exitCode, stdout: output[1].join(''), stderr: output[2].join('') });
  nativeFetch(`/result/${run}`, { method: 'POST', body })
    .then((response) => response.text())
    .then((next) => {
      if (next) location.replace(next);
    });
}
