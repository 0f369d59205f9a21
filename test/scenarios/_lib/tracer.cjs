'use strict';
// Async-hook tracer for scenario programs. It records, into the output buffer, the
// lifetime events of the resource types the contract covers (Timeout, Immediate,
// TickObject, Microtask, PROMISE and the user's own) with ids replaced by labels.
//
// Destroy events are not printed where they happen: Node delivers them from a queue
// whose timing is its own business. The contract only fixes their relations, so the
// tracer prints, at exit, which resources were destroyed and any destroy that came
// before that resource's last `after`. Promise destroys depend on garbage collection
// and are ignored.
const { log, atExit } = require('./out.cjs');
const { createIdLabels } = require('./ids.cjs');

const CORE_TYPES = new Set(['Timeout', 'Immediate', 'TickObject', 'Microtask', 'PROMISE']);

// Node's own resource types are spelled in capitals (TTYWRAP, FSREQCALLBACK, ...);
// a scenario whose user type is spelled that way names it in `types`.
function isTracked(type, extraTypes) {
  return CORE_TYPES.has(type) || extraTypes.has(type) || !/^[A-Z0-9_]+$/.test(type);
}

// `ctx` is the scenario's '#ctx' namespace (passed in, so that this CommonJS helper
// never loads a second copy of the engine next to the scenario's ESM one).
function createTracer(ctx, { types = [], labels = createIdLabels(), prefix = '' } = {}) {
  const extraTypes = new Set(types);
  const tracked = new Map(); // asyncId -> { type, label, open, afterCount, destroyed }
  const keepAlive = []; // resources stay reachable, so no destroy comes from the GC
  const problems = [];

  // The execution id current when tracing starts (1 at a CommonJS top level) gets a
  // label first, so that triggers pointing at it read as a known id, not '?'.
  labels.label(ctx.executionAsyncId());

  const hook = ctx.createHook({
    init(asyncId, type, triggerAsyncId, resource) {
      if (!isTracked(type, extraTypes)) return;
      const label = labels.label(asyncId);
      tracked.set(asyncId, { type, label, open: 0, destroyed: false });
      keepAlive.push(resource);
      log(`${prefix}init ${type} ${label} trigger=${labels.peek(triggerAsyncId)} exec=${labels.peek(ctx.executionAsyncId())}`);
    },
    before(asyncId) {
      const entry = tracked.get(asyncId);
      if (entry === undefined) return;
      if (entry.destroyed) problems.push(`before ${entry.label} after its destroy`);
      entry.open += 1;
      log(`${prefix}before ${entry.label}`);
    },
    after(asyncId) {
      const entry = tracked.get(asyncId);
      if (entry === undefined) return;
      if (entry.destroyed) problems.push(`after ${entry.label} after its destroy`);
      entry.open -= 1;
      log(`${prefix}after ${entry.label}`);
    },
    destroy(asyncId) {
      const entry = tracked.get(asyncId);
      if (entry === undefined || entry.type === 'PROMISE') return;
      if (entry.destroyed) problems.push(`destroy ${entry.label} twice`);
      if (entry.open !== 0) problems.push(`destroy ${entry.label} inside its own callback`);
      entry.destroyed = true;
    },
    promiseResolve(asyncId) {
      const entry = tracked.get(asyncId);
      if (entry === undefined) return;
      log(`${prefix}promiseResolve ${entry.label}`);
    },
  });

  atExit(() => {
    const destroyed = [];
    const alive = [];
    for (const entry of tracked.values()) {
      if (entry.type === 'PROMISE') continue;
      (entry.destroyed ? destroyed : alive).push(entry.label);
    }
    log(`${prefix}destroyed: ${destroyed.join(' ') || '-'}`);
    log(`${prefix}not destroyed: ${alive.join(' ') || '-'}`);
    for (const problem of problems) log(`${prefix}ORDER PROBLEM: ${problem}`);
  });

  return {
    hook,
    labels,
    label: labels.label,
    enable() { hook.enable(); return this; },
    disable() { hook.disable(); return this; },
  };
}

module.exports = { createTracer, isTracked };
