// The host globals of a QuickJS scenario run, set before anything else in the bundle (and
// so before the portable engine installs). QuickJS has no timers, no process, no console:
// they are built here on the few functions quickjs-host.mjs puts on `globalThis.__host`
// (print, timers and immediates backed by Node's own, exit). The host calls back into
// `globalThis.__hostLoop` and runs pending promise jobs after each call.
import { createProcess, installBuffer, installConsole, invalidCallback, named, uncaughtText } from './prelude-shared.js';

const host = globalThis.__host;

// Captured before the engine patches Promise.prototype.then: queueMicrotask must stay native.
const nativeThen = Promise.prototype.then;
const resolved = Promise.resolve();

// Node's order: ticks first, then promise jobs, until both queues are empty.
const ticks = [];

const proc = createProcess('quickjs', { quickjs: '1' }, ticks);
let exiting = false;
proc.exit = function exit(code) {
  if (code !== undefined) proc.exitCode = code;
  if (!exiting) {
    exiting = true;
    proc.emit('exit', proc.exitCode ?? 0);
  }
  host.exit(proc.exitCode ?? 0);
  // Unwinds the caller: nothing after process.exit() runs.
  throw exitSignal;
};
const exitSignal = { anyctxExit: true };
globalThis.process = proc;

// A thrown error no callback caught: 'uncaughtException' listeners, or Node's report and exit 1.
function reportUncaught(error) {
  if (error === exitSignal) return;
  if (proc.listenerCount('uncaughtException') > 0) {
    try {
      proc.emit('uncaughtException', error, 'uncaughtException');
      return;
    } catch (second) {
      error = second;
      if (error === exitSignal) return;
    }
  }
  host.print(2, uncaughtText(error));
  proc.exitCode = 1;
  try {
    proc.exit(1);
  } catch {
    // the exit signal
  }
}

function runGuarded(fn) {
  try {
    fn();
  } catch (error) {
    reportUncaught(error);
  }
}

globalThis.queueMicrotask = named('queueMicrotask', (callback) => {
  if (typeof callback !== 'function') throw invalidCallback(callback);
  nativeThen.call(resolved, () => runGuarded(callback));
});

// Timers: the handle is an object like Node's Timeout; the host keeps the Node timer.
let nextId = 1;
const callbacks = new Map();
class Timeout {
  constructor(id, repeat) {
    this._id = id;
    this._repeat = repeat;
  }
  ref() { host.ref(this._id, true); return this; }
  unref() { host.ref(this._id, false); return this; }
  hasRef() { return host.hasRef(this._id); }
  refresh() { host.refresh(this._id); return this; }
  close() { clearTimer(this); return this; }
  [Symbol.toPrimitive]() { return this._id; }
}
class Immediate {
  constructor(id) { this._id = id; }
  ref() { host.ref(this._id, true); return this; }
  unref() { host.ref(this._id, false); return this; }
  hasRef() { return host.hasRef(this._id); }
}
function schedule(kind, callback, delay, args) {
  if (typeof callback !== 'function') throw invalidCallback(callback);
  const id = nextId++;
  const repeat = kind === 'interval';
  // As in Node, the callback's `this` is its handle.
  const handle = kind === 'immediate' ? new Immediate(id) : new Timeout(id, repeat);
  callbacks.set(id, { callback, args, repeat, handle });
  host.schedule(kind, id, Number(delay) || 0);
  return handle;
}
function clearTimer(handle) {
  if (handle === undefined || handle === null) return;
  const id = typeof handle === 'object' ? handle._id : Number(handle);
  if (callbacks.delete(id)) host.clear(id);
}
globalThis.setTimeout = named('setTimeout', (callback, delay, ...args) => schedule('timeout', callback, delay, args));
globalThis.setInterval = named('setInterval', (callback, delay, ...args) => schedule('interval', callback, delay, args));
globalThis.setImmediate = named('setImmediate', (callback, ...args) => schedule('immediate', callback, 0, args));
globalThis.clearTimeout = named('clearTimeout', (handle) => clearTimer(handle));
globalThis.clearInterval = named('clearInterval', (handle) => clearTimer(handle));
globalThis.clearImmediate = named('clearImmediate', (handle) => clearTimer(handle));

// What the host calls: fire a timer, drain ticks, emit process events.
globalThis.__hostLoop = {
  fire(id) {
    const entry = callbacks.get(id);
    if (entry === undefined) return;
    if (!entry.repeat) callbacks.delete(id);
    runGuarded(() => entry.callback.apply(entry.handle, entry.args));
  },
  runTicks() {
    let ran = false;
    while (ticks.length > 0) {
      ran = true;
      runGuarded(ticks.shift());
    }
    return ran;
  },
  // 'beforeExit' and 'exit' get process.exitCode, or 0, as in Node.
  emit(event) {
    if (event === 'exit') {
      if (exiting) return;
      exiting = true;
    }
    runGuarded(() => proc.emit(event, proc.exitCode ?? 0));
  },
  exitCode() {
    return proc.exitCode ?? 0;
  },
  reportUncaught,
};

installBuffer();
installConsole((fd, latin1) => host.print(fd, latin1));
