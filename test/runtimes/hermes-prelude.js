// The host globals of a Hermes scenario run, set before anything else in the bundle (and so
// before the portable engine installs). The hermes CLI gives only print(), a promise job
// queue (-Xmicrotask-queue) and setTimeout/setImmediate that ignore their delay, so Node's
// event loop is rebuilt here: timers, immediates and ticks live in this file and one loop
// step runs per CLI task (the CLI drains promise jobs between its tasks, as Node does
// between callbacks). As libuv does, the loop reads the clock once per iteration, so timers
// set in one callback share a start time however slowly Hermes interprets it; with nothing
// to run, the loop spins until the next timer is due (the CLI cannot sleep).
// What the scenario writes goes out through print() as framed lines hermes.mjs decodes:
// `O<json>` stdout, `E<json>` stderr, `X<json>` the exit code.
import { createProcess, installBuffer, installConsole, invalidCallback, named, uncaughtText } from './prelude-shared.js';

const cliPrint = globalThis.print;
const cliSetTimeout = globalThis.setTimeout;
const nativeThen = Promise.prototype.then;
const resolved = Promise.resolve();

let exited = false;
// Text in Latin-1 (one char per byte) goes out as JSON with only ASCII in it.
function frame(kind, latin1) {
  if (exited) return;
  cliPrint(kind + JSON.stringify(latin1).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
globalThis.__host = {
  print(fd, latin1) {
    frame(fd === 1 ? 'O' : 'E', latin1);
  },
};

const ticks = [];
const proc = createProcess('hermes', { hermes: '0.12.0' }, ticks);
let exiting = false;
const exitSignal = { anyctxExit: true };
function finish(code) {
  if (exited) return;
  frame('X', String(code));
  exited = true;
}
proc.exit = function exit(code) {
  if (code !== undefined) proc.exitCode = code;
  if (!exiting) {
    exiting = true;
    proc.emit('exit', proc.exitCode ?? 0);
  }
  finish(proc.exitCode ?? 0);
  // Unwinds the caller: nothing after process.exit() runs.
  throw exitSignal;
};
globalThis.process = proc;

// A thrown error no callback caught: 'uncaughtException' listeners, or Node's report and exit 1.
function reportUncaught(error, origin = 'uncaughtException') {
  if (error === exitSignal || exited) return;
  if (proc.listenerCount('uncaughtException') > 0) {
    try {
      proc.emit('uncaughtException', error, origin);
      return;
    } catch (second) {
      error = second;
      if (error === exitSignal) return;
    }
  }
  frame('E', uncaughtText(error));
  proc.exitCode = 1;
  try {
    proc.exit(1);
  } catch {
    // the exit signal
  }
}
function runGuarded(fn, self, args) {
  try {
    fn.apply(self, args);
  } catch (error) {
    reportUncaught(error);
  }
}

globalThis.queueMicrotask = named('queueMicrotask', (callback) => {
  if (typeof callback !== 'function') throw invalidCallback(callback);
  // The untouched `then`: a microtask is no promise the engine's hooks see.
  nativeThen.call(resolved, () => runGuarded(callback));
});

// Promise.allSettled and Promise.any, which Hermes 0.12 lacks (React Native apps get them
// from polyfills): written as the spec's steps, on the constructor's resolve() and then(),
// so the engine sees the same calls a native combinator makes.
function combinator(name, body) {
  if (typeof Promise[name] !== 'function') Object.defineProperty(Promise, name, { value: named(name, body), writable: true, configurable: true });
}
if (typeof globalThis.AggregateError !== 'function') {
  globalThis.AggregateError = class AggregateError extends Error {
    constructor(errors, message) {
      super(message);
      this.name = 'AggregateError';
      this.errors = [...errors];
    }
  };
}
combinator('allSettled', function (iterable) {
  const C = this;
  return new C((resolve, reject) => {
    const results = [];
    let remaining = 1;
    for (const item of iterable) {
      const index = results.length;
      results.push(undefined);
      remaining += 1;
      const settle = (result) => {
        results[index] = result;
        if (--remaining === 0) resolve(results);
      };
      C.resolve(item).then((value) => settle({ status: 'fulfilled', value }), (reason) => settle({ status: 'rejected', reason }));
    }
    if (--remaining === 0) resolve(results);
  });
});
combinator('any', function (iterable) {
  const C = this;
  return new C((resolve, reject) => {
    const errors = [];
    let remaining = 1;
    const fail = () => reject(new AggregateError(errors, 'All promises were rejected'));
    for (const item of iterable) {
      const index = errors.length;
      errors.push(undefined);
      remaining += 1;
      C.resolve(item).then(resolve, (reason) => {
        errors[index] = reason;
        if (--remaining === 0) fail();
      });
    }
    if (--remaining === 0) fail();
  });
});

// Unhandled rejections, as Node tracks them: Hermes 0.12's Promise (the `promise` package
// built in) calls Promise._m(promise, reason) when a promise without handlers is rejected
// and Promise._l(promise) when a handler is added (its own rejection tracker uses these).
// After ticks and jobs run dry, a rejection still unhandled goes to 'unhandledRejection'
// listeners, or ends the process as an uncaught error; handling it later emits
// 'rejectionHandled'.
const unhandled = new Map(); // promise -> reason, in rejection order
const reported = new Set();
const handledLate = [];
Promise._m = (promise, reason) => {
  unhandled.set(promise, reason);
};
Promise._l = (promise) => {
  if (unhandled.delete(promise)) return;
  if (reported.delete(promise)) handledLate.push(promise);
};
/** Node's processPromiseRejections(): true when it did anything. */
function processRejections() {
  if (unhandled.size === 0 && handledLate.length === 0) return false;
  while (handledLate.length > 0 && !exited) {
    const promise = handledLate.shift();
    runGuarded(() => proc.emit('rejectionHandled', promise));
  }
  for (const [promise, reason] of unhandled) {
    if (exited) break;
    unhandled.delete(promise);
    if (proc.listenerCount('unhandledRejection') > 0) {
      reported.add(promise);
      runGuarded(() => proc.emit('unhandledRejection', reason, promise));
    } else {
      reportUncaught(reason, 'unhandledRejection');
    }
  }
  return true;
}

// Timers and immediates. A timer is due at virtual time `due`; ties keep their order.
let now = 0; // the loop's clock (ms since the start), read once per iteration
const startedAt = Date.now();
let nextId = 1;
let nextSeq = 1;
const timers = new Map(); // id -> { due, seq, delay, callback, args, repeat, handle, refed }
let immediates = []; // entries { id, callback, args, handle, refed }
const liveImmediates = new Map();

// Node: a delay outside 1 .. 2^31-1 ms (or not a number) is 1 ms.
function delayOf(value) {
  const delay = Number(value);
  return delay >= 1 && delay <= 2147483647 ? Math.trunc(delay) : 1;
}
// Handles keep a timer or immediate alive while ref'd, as Node's do.
class Handle {
  constructor(id, table) {
    this._id = id;
    this._table = table;
  }
  ref() {
    const entry = this._table.get(this._id);
    if (entry) entry.refed = true;
    return this;
  }
  unref() {
    const entry = this._table.get(this._id);
    if (entry) entry.refed = false;
    return this;
  }
  hasRef() {
    const entry = this._table.get(this._id);
    return entry !== undefined && entry.refed;
  }
}
class Timeout extends Handle {
  constructor(id) {
    super(id, timers);
  }
  refresh() {
    const entry = timers.get(this._id);
    if (entry) {
      entry.due = now + entry.delay;
      entry.seq = nextSeq++;
    }
    return this;
  }
  close() {
    timers.delete(this._id);
    return this;
  }
  [Symbol.toPrimitive]() {
    return this._id;
  }
}
class Immediate extends Handle {
  constructor(id) {
    super(id, liveImmediates);
  }
}
function setTimer(callback, delay, args, repeat) {
  if (typeof callback !== 'function') throw invalidCallback(callback);
  const id = nextId++;
  const handle = new Timeout(id);
  const ms = delayOf(delay);
  timers.set(id, { due: now + ms, seq: nextSeq++, delay: ms, callback, args, repeat, handle, refed: true });
  return handle;
}
function idOf(handle) {
  return typeof handle === 'object' && handle !== null ? handle._id : Number(handle);
}
globalThis.setTimeout = named('setTimeout', (callback, delay, ...args) => setTimer(callback, delay, args, false));
globalThis.setInterval = named('setInterval', (callback, delay, ...args) => setTimer(callback, delay, args, true));
globalThis.setImmediate = named('setImmediate', (callback, ...args) => {
  if (typeof callback !== 'function') throw invalidCallback(callback);
  const id = nextId++;
  const entry = { id, callback, args, handle: new Immediate(id), refed: true };
  immediates.push(entry);
  liveImmediates.set(id, entry);
  return entry.handle;
});
const clearTimer = (handle) => {
  if (handle !== undefined && handle !== null) timers.delete(idOf(handle));
};
globalThis.clearTimeout = named('clearTimeout', (handle) => clearTimer(handle));
globalThis.clearInterval = named('clearInterval', (handle) => clearTimer(handle));
globalThis.clearImmediate = named('clearImmediate', (handle) => {
  if (handle !== undefined && handle !== null) liveImmediates.delete(idOf(handle));
});

function runTicks() {
  while (ticks.length > 0 && !exited) runGuarded(ticks.shift());
}

/** The due timer to run next (the earliest, then the first set), or undefined. */
function nextTimer(dueBy) {
  let best;
  for (const [id, entry] of timers) {
    if (entry.due > dueBy) continue;
    if (best === undefined || entry.due < best[1].due || (entry.due === best[1].due && entry.seq < best[1].seq)) best = [id, entry];
  }
  return best;
}
function fireTimer([id, entry]) {
  if (!entry.repeat) timers.delete(id);
  // As in Node, the callback's `this` is its handle.
  runGuarded(entry.callback, entry.handle, entry.args);
  // An interval starts again once its callback is over (after timers the callback set).
  if (entry.repeat && timers.get(id) === entry) {
    entry.due = now + entry.delay;
    entry.seq = nextSeq++;
  }
}

// The loop: phases as Node's (timers, then the immediates queued before the phase), one
// callback per step, ticks right after it; the CLI runs promise jobs between steps.
let phase = 'timers';
let iterationStart = true;
let immediatesNow = [];
let beforeExitEmitted = false; // since the last callback

function step() {
  if (exited) return;
  try {
    turn();
  } catch (error) {
    reportUncaught(error);
  }
  if (!exited) cliSetTimeout(step, 0);
}

function turn() {
  // Ticks a promise job queued run before the loop goes on, as in Node.
  if (ticks.length > 0) {
    beforeExitEmitted = false;
    return runTicks();
  }
  if (processRejections()) {
    beforeExitEmitted = false;
    return runTicks();
  }
  if (phase === 'timers') {
    // A new loop iteration: the clock is read once, as libuv does.
    if (iterationStart) now = Math.max(now, Date.now() - startedAt);
    iterationStart = false;
    const timer = nextTimer(now);
    if (timer !== undefined) {
      beforeExitEmitted = false;
      fireTimer(timer);
      return runTicks();
    }
    phase = 'immediates';
    immediatesNow = immediates;
    immediates = [];
  }
  while (immediatesNow.length > 0) {
    const entry = immediatesNow.shift();
    if (!liveImmediates.delete(entry.id)) continue; // cleared
    beforeExitEmitted = false;
    runGuarded(entry.callback, entry.handle, entry.args);
    return runTicks();
  }
  phase = 'timers';
  iterationStart = true;
  const refed = (entries) => [...entries].some((entry) => entry.refed);
  if (nextTimer(Date.now() - startedAt) !== undefined || refed(liveImmediates.values())) return;
  // Nothing to run now: wait for the next timer a ref keeps alive.
  let next;
  for (const entry of timers.values()) if (entry.refed && (next === undefined || entry.due < next)) next = entry.due;
  if (next !== undefined) {
    while (Date.now() - startedAt < next) {
      // the real clock catches up with the timer
    }
    return;
  }
  // The loop ran dry: 'beforeExit', which may start more work (then it comes again), or 'exit'.
  if (!beforeExitEmitted) {
    beforeExitEmitted = true;
    runGuarded(() => proc.emit('beforeExit', proc.exitCode ?? 0));
    return runTicks();
  }
  if (!exiting) {
    exiting = true;
    runGuarded(() => proc.emit('exit', proc.exitCode ?? 0));
  }
  finish(proc.exitCode ?? 0);
}

// hermes-run.mjs wraps the bundle: it calls these when the script has run (or thrown).
globalThis.__hermesLoop = {
  // A CommonJS main module's ticks run before the promise jobs it queued (an ES module's
  // after: its evaluation is itself a promise job).
  scriptEnd(commonJs) {
    if (commonJs) runTicks();
  },
  reportUncaught,
  // The promise of a module that awaits at its top level: its rejection is uncaught. The
  // untouched `then` keeps this promise out of what the engine's hooks see.
  watchMain(result) {
    if (result instanceof Promise) nativeThen.call(result, undefined, (error) => reportUncaught(error));
  },
};
cliSetTimeout(step, 0);

installBuffer();
installConsole((fd, latin1) => globalThis.__host.print(fd, latin1));
