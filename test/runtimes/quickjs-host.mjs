// Runs one bundled scenario in QuickJS (quickjs-emscripten: QuickJS compiled to WebAssembly)
// from Node: `node quickjs-host.mjs bundle.mjs`. QuickJS has no event loop, so Node's is
// lent to it: every timer and immediate the scenario sets is a Node timer that calls back
// into the VM, and after each call the host runs ticks and pending promise jobs until both
// are empty. Node's own 'beforeExit' / 'exit' become the scenario's. The globals built on
// these functions are in quickjs-prelude.js.
import { readFileSync, writeSync } from 'node:fs';
import { getQuickJS } from 'quickjs-emscripten';

const bundle = process.argv[2];
const QuickJS = await getQuickJS();
const runtime = QuickJS.newRuntime();
const vm = runtime.newContext();

let exited = false;
function exitNow(code) {
  exited = true;
  process.exit(code);
}

function writeAll(fd, bytes) {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      if (error.code !== 'EAGAIN') throw error;
    }
  }
}

// A failure of the VM itself (not of scenario code, which the prelude catches).
function fatal(where, errorHandle) {
  const error = vm.dump(errorHandle);
  errorHandle.dispose();
  writeAll(2, Buffer.from(`quickjs host: ${where}: ${error?.stack ? `${error.name}: ${error.message}\n${error.stack}` : JSON.stringify(error)}\n`));
  exitNow(1);
}

const timers = new Map(); // id -> Node Timeout | Immediate
const hostObject = vm.newObject();
const define = (name, fn) => {
  const handle = vm.newFunction(name, fn);
  vm.setProp(hostObject, name, handle);
  handle.dispose();
};
define('print', (fd, text) => {
  writeAll(vm.getNumber(fd), Buffer.from(vm.getString(text), 'latin1'));
});
define('exit', (code) => {
  const value = vm.getNumber(code);
  // The VM unwinds with its exit signal; Node ends once the call returns.
  setImmediate(() => exitNow(value));
  pendingExit = value;
});
// Timers set during a VM turn start when the turn (and its jobs) ends: the time QuickJS
// spends interpreting is not the scenario's, or a slow turn would let a later timer
// overtake an immediate set before it.
const unstarted = []; // ids set during the current turn, in order
define('schedule', (kindHandle, idHandle, delayHandle) => {
  const kind = vm.getString(kindHandle);
  const id = vm.getNumber(idHandle);
  const delay = vm.getNumber(delayHandle);
  timers.set(id, { unstarted: true, kind, delay, refed: true });
  unstarted.push(id);
});
function startTimers() {
  for (const id of unstarted.splice(0)) {
    const entry = timers.get(id);
    if (entry === undefined || !entry.unstarted) continue;
    const { kind, delay } = entry;
    const fire = () => {
      if (kind !== 'interval') timers.delete(id);
      callLoop('fire', vm.newNumber(id));
    };
    const timer = kind === 'immediate' ? setImmediate(fire) : kind === 'interval' ? setInterval(fire, delay) : setTimeout(fire, delay);
    if (!entry.refed) timer.unref();
    timers.set(id, timer);
  }
}
define('clear', (idHandle) => {
  const id = vm.getNumber(idHandle);
  const timer = timers.get(id);
  timers.delete(id);
  if (timer === undefined || timer.unstarted) return;
  clearTimeout(timer);
  clearInterval(timer);
  clearImmediate(timer);
});
define('ref', (idHandle, onHandle) => {
  const timer = timers.get(vm.getNumber(idHandle));
  if (timer === undefined) return;
  const on = Boolean(vm.dump(onHandle));
  if (timer.unstarted) timer.refed = on;
  else if (on) timer.ref();
  else timer.unref();
});
define('hasRef', (idHandle) => {
  const timer = timers.get(vm.getNumber(idHandle));
  const refed = timer !== undefined && (timer.unstarted ? timer.refed : timer.hasRef());
  return refed ? vm.true : vm.false;
});
define('refresh', (idHandle) => {
  const timer = timers.get(vm.getNumber(idHandle));
  if (timer !== undefined && !timer.unstarted) timer.refresh?.();
});
vm.setProp(vm.global, '__host', hostObject);
hostObject.dispose();

let pendingExit;

/** Calls __hostLoop[name](arg), then runs ticks and jobs until none are left. */
function callLoop(name, arg) {
  if (exited || pendingExit !== undefined) {
    arg?.dispose();
    return;
  }
  const loop = vm.getProp(vm.global, '__hostLoop');
  const fn = vm.getProp(loop, name);
  const result = arg ? vm.callFunction(fn, loop, arg) : vm.callFunction(fn, loop);
  arg?.dispose();
  fn.dispose();
  loop.dispose();
  if (result.error) return fatal(`__hostLoop.${name}`, result.error);
  const value = vm.dump(result.value);
  result.value.dispose();
  drain();
  return value;
}

/** Hands an error the VM let through to the prelude's uncaught-error handling. */
function reportUncaught(errorHandle) {
  const loop = vm.getProp(vm.global, '__hostLoop');
  const report = vm.getProp(loop, 'reportUncaught');
  const result = vm.callFunction(report, loop, errorHandle);
  report.dispose();
  loop.dispose();
  if (result.error) return fatal('reportUncaught', result.error);
  result.value.dispose();
}

function drain() {
  for (;;) {
    if (pendingExit !== undefined) return;
    const loop = vm.getProp(vm.global, '__hostLoop');
    const runTicks = vm.getProp(loop, 'runTicks');
    const ticked = vm.unwrapResult(vm.callFunction(runTicks, loop));
    const ranTicks = vm.dump(ticked);
    ticked.dispose();
    runTicks.dispose();
    loop.dispose();
    if (pendingExit !== undefined) return;
    const jobs = runtime.executePendingJobs(-1);
    if (jobs.error) {
      // A job that threw past its promise: report it as the scenario's uncaught error.
      reportUncaught(jobs.error);
      jobs.error.dispose();
      continue;
    }
    const ranJobs = jobs.value > 0;
    jobs.dispose?.();
    if (!ranTicks && !ranJobs && checkModulePromise()) continue;
    if (!ranTicks && !ranJobs) return startTimers();
  }
}

// A failure of the host itself (a stack overflow inside the WebAssembly interpreter, say):
// the VM may be left mid-call, so nothing more runs in it and the run fails.
process.on('uncaughtException', (error) => {
  writeAll(2, Buffer.from(`quickjs host: ${error?.stack ?? error}\n`));
  exitNow(1);
});

process.on('beforeExit', () => {
  if (exited || pendingExit !== undefined) return;
  callLoop('emit', vm.newString('beforeExit'));
});
process.on('exit', () => {
  if (exited) return;
  callLoop('emit', vm.newString('exit'));
  const code = pendingExit ?? callLoop('exitCode');
  process.exitCode = code;
});

// The scenario starts on a later turn of Node's loop, once loading the host (WebAssembly
// included) is over: whatever that costs must not count as time of the scenario's timers.
setImmediate(runScenario);

function runScenario() {
  const evaluated = vm.evalCode(readFileSync(bundle, 'utf8'), 'scenario.mjs', { type: 'module' });
  if (evaluated.error) {
    // A module that throws while it evaluates: the scenario's uncaught error.
    reportUncaught(evaluated.error);
    evaluated.error.dispose();
    drain();
    return;
  }
  // A module's evaluation is a promise (top-level await): its rejection is an uncaught
  // error. Its state is read after each drain (a `then` would be a promise hooks can see).
  modulePromise = evaluated.value;
  drain();
}

let modulePromise;
/** True when the module's promise has just settled (its rejection may queue more work). */
function checkModulePromise() {
  if (modulePromise === undefined) return false;
  const state = vm.getPromiseState(modulePromise);
  if (state.type === 'pending') return false;
  modulePromise.dispose();
  modulePromise = undefined;
  if (state.type === 'rejected') {
    reportUncaught(state.error);
    state.error.dispose();
  } else if (!state.notAPromise) state.value.dispose();
  return true;
}
