// The portable engine among other code that owns the same globals: a flow may lose its context
// where the engine cannot see, but never sees another flow's, and where the engine cannot
// instrument what it needs, install stops with one error (code ANYCTX_CANNOT_INSTRUMENT) that
// names what it could not instrument. Also two copies of the engine in one process, and
// install/uninstall cycles and bursts of resources that must leave nothing behind.
//
// Each case is a program run on Node 24 and Node 20 (the portable engine's own, from
// packages/anyctx/dist), printing one JSON line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PORTABLE } from './engines.mjs';
import { runProgram } from './support/run-program.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'packages/anyctx/dist');
const portable = join(dist, 'portable.cjs');
const nodeModules = join(root, 'node_modules');

let dir;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'anyctx-hostile-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `source` (CommonJS; `ENGINE` is the path of the portable build) on each engine. */
async function run(source, { flags = [], name = 'program.cjs' } = {}) {
  const file = join(dir, name);
  writeFileSync(file, source.replaceAll('ENGINE', JSON.stringify(portable)));
  const results = [];
  for (const engine of PORTABLE) {
    const result = await runProgram(engine, [...flags, file], { cwd: dir, env: { NODE_PATH: nodeModules }, timeout: 60_000 });
    results.push({ engine: engine.name, result });
  }
  return results;
}

/** Each engine's JSON output; fails with the program's stderr where it did not exit with 0. */
async function outputs(source, options) {
  return (await run(source, options)).map(({ engine, result }) => {
    assert.equal(result.exitCode, 0, `${engine}: ${result.stderr}`);
    return [engine, result.json()];
  });
}

// What a program observes: a store in each of two flows, through the task sources that a
// library owning `Promise` leaves to the engine and those it takes over.
const observe = `
const { AsyncLocalStorage } = require(ENGINE);
const als = new AsyncLocalStorage();
const seen = {};
const see = (label) => { (seen[label] ??= []).push(als.getStore() ?? null); };
async function asyncFn() { return 1; }
const flow = (name) => als.run(name, () => Promise.all([
  asyncFn().then(() => see('asyncFn().then')),
  Promise.resolve().then(() => see('Promise.resolve().then')),
  new Promise((resolve) => setTimeout(resolve, 1)).then(() => see('timer promise .then')),
  new Promise((resolve) => setTimeout(() => { see('setTimeout'); resolve(); }, 1)),
  new Promise((resolve) => queueMicrotask(() => { see('queueMicrotask'); resolve(); })),
  new Promise((resolve) => process.nextTick(() => { see('process.nextTick'); resolve(); })),
  (async () => { await null; see('after await (untransformed)'); })(),
]));
Promise.all([flow('A'), flow('B')]).then(() => setTimeout(() => console.log(JSON.stringify(seen)), 5));
`;

/** Every label saw its own flow's store (or, for `lossy` labels, no store), never the other's. */
function assertOwnFlows(engine, seen, lossy = []) {
  for (const [label, stores] of Object.entries(seen)) {
    assert.equal(stores.length, 2, `${engine}: ${label} ran twice`);
    if (lossy.includes(label)) {
      for (const store of stores) assert.equal(store, null, `${engine}: ${label} saw no store`);
    } else {
      assert.deepEqual([...stores].sort(), ['A', 'B'], `${engine}: ${label} saw its own flow's store`);
    }
  }
}

const untransformedAwait = 'after await (untransformed)';

test('with bluebird as the global Promise before the engine, then follows the frame of the then call', async () => {
  for (const [engine, seen] of await outputs(`global.Promise = require('bluebird');\n${observe}`)) {
    assertOwnFlows(engine, seen, [untransformedAwait]);
  }
});

test('with core-js\'s Promise as the global Promise before the engine, then follows the frame of the then call', async () => {
  // core-js installs its own Promise where the runtime has none that it trusts.
  const source = `delete globalThis.Promise;\nrequire('core-js/actual/promise');\nif (Promise === (async () => {})().constructor) throw new Error('core-js kept the native Promise');\n${observe}`;
  for (const [engine, seen] of await outputs(source)) assertOwnFlows(engine, seen, [untransformedAwait]);
});

test('with zone.js loaded before the engine, every source keeps its flow', async () => {
  for (const [engine, seen] of await outputs(`require('zone.js');\n${observe}`)) assertOwnFlows(engine, seen, [untransformedAwait]);
});

// zone.js loaded after the engine takes queueMicrotask over with a function that never calls
// the engine's, and runs its callbacks, like its Promise reactions, from its own queue, drained
// by one native reaction (which, natively, runs every callback of the drain in the frame of the
// flow that happened to schedule it). The engine instruments the method zone.js schedules them
// through (Zone.prototype.scheduleMicroTask).
test('with zone.js loaded after the engine, every source keeps its flow', async () => {
  for (const [engine, seen] of await outputs(`require(ENGINE);\nrequire('zone.js');\n${observe}`)) {
    assertOwnFlows(engine, seen, [untransformedAwait]);
  }
});

// The layers the engine puts when zone.js replaces Promise after it follow the engine's mode,
// whether a hook was enabled before zone.js loaded or after: zone.js's `then` gives its
// reactions async ids under a hook, stays one layer through enable/disable, and uninstall()
// gives zone.js its own functions back.
for (const hookFirst of [false, true]) {
  test(`with zone.js loaded after the engine ${hookFirst ? 'and after a hook was enabled' : 'and a hook enabled later'}, its then follows the engine's mode`, async () => {
    const source = `
const { AsyncLocalStorage, createHook, executionAsyncId, uninstall } = require(ENGINE);
const als = new AsyncLocalStorage();
const inits = [];
const hook = createHook({ init(id, type) { inits.push(type); } });
${hookFirst ? 'hook.enable();' : ''}
require('zone.js');
// zone.js's then in the frames-only mode: the same function whenever the engine is back in it.
let framesThen = Promise.prototype.then;
${hookFirst ? '' : 'hook.enable();'}
const result = {};
const top = executionAsyncId();
const step = (label) => new Promise((resolve) => als.run(label, () => {
  const before = inits.length;
  Promise.resolve().then(() => { result[label] = { store: als.getStore() ?? null, ownId: executionAsyncId() !== top && executionAsyncId() !== 0, promiseInit: inits.slice(before).includes('PROMISE') }; resolve(); });
}));
(async () => {
  await step('hook enabled');
  hook.disable();
  await step('hook disabled');
  ${hookFirst ? 'framesThen = Promise.prototype.then; hook.enable(); hook.disable();' : ''}
  result.oneLayer = Promise.prototype.then === framesThen;
  uninstall();
  result.uninstalled = {
    then: await als.run('X', () => Promise.resolve().then(() => als.getStore() ?? null)),
    queueMicrotask: await als.run('X', () => new Promise((resolve) => queueMicrotask(() => resolve(als.getStore() ?? null)))),
    scheduleMicroTask: Function.prototype.toString.call(Zone.prototype.scheduleMicroTask).includes('ZoneTask'),
  };
  console.log(JSON.stringify(result));
})();`;
    for (const [engine, out] of await outputs(source)) {
      assert.deepEqual(out, {
        'hook enabled': { store: 'hook enabled', ownId: true, promiseInit: true },
        'hook disabled': { store: 'hook disabled', ownId: false, promiseInit: false },
        oneLayer: true,
        uninstalled: { then: null, queueMicrotask: null, scheduleMicroTask: true },
      }, engine);
    }
  });
}

// The same for a Promise of a library's put on the global before the engine, and for a `then`
// wrapper of other code's put after it: under a hook, reactions get ids and PROMISE resources.
for (const [what, setup] of [
  ['bluebird as the global Promise before the engine', "global.Promise = require('bluebird');\nrequire(ENGINE);"],
  ['a then wrapper put after the engine', 'require(ENGINE);\nconst engineThen = Promise.prototype.then;\nPromise.prototype.then = function then(...args) { return engineThen.apply(this, args); };'],
]) {
  test(`with ${what}, then gives ids under a hook`, async () => {
    const source = `${setup}
const { AsyncLocalStorage, createHook, executionAsyncId } = require(ENGINE);
const als = new AsyncLocalStorage();
const inits = [];
const hook = createHook({ init(id, type) { inits.push(type); } }).enable();
const top = executionAsyncId();
als.run('A', () => Promise.resolve().then(() => {
  console.log(JSON.stringify({ store: als.getStore(), ownId: executionAsyncId() !== top && executionAsyncId() !== 0, promiseInit: inits.includes('PROMISE') }));
  hook.disable();
}));`;
    for (const [engine, out] of await outputs(source)) assert.deepEqual(out, { store: 'A', ownId: true, promiseInit: true }, engine);
  });
}

// bluebird's own methods (`map`, `tap`, `each`, …) run their callbacks from bluebird's queue,
// drained by one callback of its scheduler: on Node the host's setImmediate, taken when bluebird
// loads; elsewhere (browsers; here: a program with a MutationObserver) a native promise's `then`,
// which the engine instruments, and which ran the whole drain, and so other flows' callbacks, in
// the frame of the flow whose call queued it. The drain runs in the empty frame: these
// callbacks see no store, never another flow's, whichever flows interleave in one drain.
const bluebirdSchedulers = [
  ['Node\'s (setImmediate)', ''],
  ['a native promise\'s then (browsers)', 'globalThis.MutationObserver = class {};'],
  ['one the program sets, through process.nextTick', 'SET_SCHEDULER'],
];
for (const [scheduler, setup] of bluebirdSchedulers) {
  test(`with bluebird as the global Promise before the engine, scheduling on ${scheduler}, its own methods see no foreign store`, async () => {
    const source = `${setup === 'SET_SCHEDULER' ? '' : setup}
global.Promise = require('bluebird');
${setup === 'SET_SCHEDULER' ? 'Promise.setScheduler((fn) => process.nextTick(fn));' : ''}
const { AsyncLocalStorage, uninstall } = require(ENGINE);
const als = new AsyncLocalStorage();
const seen = {};
const see = (label) => { (seen[label] ??= []).push(als.getStore() ?? null); };
const flow = (name) => als.run(name, () => Promise.all([
  Promise.resolve([1]).map(() => see('map')),
  Promise.map([1], () => see('Promise.map')),
  Promise.resolve([1]).mapSeries(() => see('mapSeries')),
  Promise.resolve([1]).filter(() => see('filter')),
  Promise.resolve([1, 2]).reduce((a) => { see('reduce'); return a; }),
  Promise.resolve(1).tap(() => see('tap')),
  Promise.resolve([1, 2]).spread(() => see('spread')),
  Promise.each([1], () => see('Promise.each')),
  Promise.props({ a: Promise.resolve(1) }).then(() => see('Promise.props().then')),
  Promise.resolve(1).finally(() => see('finally')),
  Promise.reject(new Error('x')).catch(() => see('catch')),
  Promise.delay(1).then(() => see('delay().then')),
  Promise.resolve(1).then(() => see('then')),
]));
const ownMethods = ['map', 'Promise.map', 'mapSeries', 'filter', 'reduce', 'tap', 'spread', 'Promise.each', 'finally'];
Promise.all([flow('A'), flow('B')]).then(() => setTimeout(() => {
  const drain = Promise._async.drainQueues;
  uninstall();
  console.log(JSON.stringify({ seen, ownMethods, drainRestored: Promise._async.drainQueues !== drain }));
}, 5));`;
    for (const [engine, { seen, ownMethods, drainRestored }] of await outputs(source)) {
      // A method that takes one callback per element runs it once per element.
      for (const label of ['reduce', 'spread']) seen[label] = seen[label].slice(0, 2);
      assertOwnFlows(engine, seen, ownMethods);
      assert.equal(drainRestored, true, `${engine}: uninstall() gave bluebird its drain back`);
    }
  });
}

// Where the engine cannot put its layer, install throws one error naming what it could not
// instrument: never a crash deep inside, never a silent loss.
const cannotInstrument = [
  ['a frozen Promise', 'Object.freeze(Promise);', ['Promise.resolve', 'Promise.reject']],
  ['a frozen Promise.prototype', 'Object.freeze(Promise.prototype);', ['Promise.prototype.then', 'Promise.prototype.finally']],
  ['a non-configurable, non-writable global Promise', "Object.defineProperty(globalThis, 'Promise', { writable: false, configurable: false });", ['Promise']],
  ['non-writable timer functions', "for (const name of ['setTimeout', 'setInterval']) Object.defineProperty(globalThis, name, { writable: false, configurable: false });", ['setTimeout', 'setInterval']],
  ['a frozen globalThis', 'Object.freeze(globalThis);', ['Promise', 'queueMicrotask', 'setTimeout', 'setInterval', 'setImmediate']],
  // Agoric's SES: lockdown() freezes the intrinsics (Promise.prototype, the async generator
  // prototype), not the global's own properties (setTimeout stays writable).
  ["ses's lockdown()", "require('ses');\nlockdown();", ['Promise.prototype.then', 'Promise.resolve', 'Promise.prototype.finally', 'AsyncGenerator.prototype.next']],
  ['a SES-style lockdown (every intrinsic and global function frozen)', `
for (const name of Object.getOwnPropertyNames(globalThis)) {
  // Data properties only: Node's lazy globals (fetch, …) are getters that load code.
  const { value } = Object.getOwnPropertyDescriptor(globalThis, name);
  if (typeof value === 'function') {
    Object.defineProperty(globalThis, name, { writable: false, configurable: false });
    Object.freeze(value);
    if (value.prototype) Object.freeze(value.prototype);
  }
}`, ['Promise', 'Promise.prototype.then', 'setTimeout', 'queueMicrotask']],
];

for (const [what, setup, named] of cannotInstrument) {
  test(`with ${what}, install throws ANYCTX_CANNOT_INSTRUMENT naming it`, async () => {
    const source = `${setup}
const watched = () => [globalThis.Promise, Promise.prototype.then, Promise.resolve, globalThis.setTimeout, globalThis.queueMicrotask];
const before = watched();
try {
  require(ENGINE);
  console.log(JSON.stringify({ installed: true }));
} catch (error) {
  // What install had put is taken off again.
  const left = watched().filter((value, i) => value !== before[i]).length + (Symbol.for('anyctx.engine') in globalThis);
  console.log(JSON.stringify({ name: error.name, code: error.code, message: error.message, left }));
}`;
    for (const [engine, out] of await outputs(source)) {
      assert.equal(out.code, 'ANYCTX_CANNOT_INSTRUMENT', `${engine}: ${JSON.stringify(out)}`);
      assert.equal(out.left, 0, `${engine}: install left nothing behind`);
      assert.match(out.message, /^anyctx could not instrument /, engine);
      const listed = out.message.replace(/^anyctx could not instrument /, '').split(/[ ,:]+/);
      for (const name of named) assert.ok(listed.includes(name), `${engine}: the message names ${name}: ${out.message}`);
      assert.ok(!out.message.includes('__zone_symbol__'), `${engine}: only what the program has: ${out.message}`);
    }
  });
}

// Imported before ses's lockdown(), the engine's global Promise (a layer sharing the native
// prototype) is not Promise.prototype.constructor, which SES's permits require: lockdown()
// throws SES's TypeError and leaves the realm unlocked, and the context keeps working.
test("with the engine imported before ses's lockdown(), lockdown throws and the context keeps working", async () => {
  const source = `
const { AsyncLocalStorage } = require(ENGINE);
require('ses');
const result = {};
try {
  lockdown();
  result.lockdown = 'locked down';
} catch (error) {
  result.lockdown = { name: error.name, message: error.message };
}
result.frozen = Object.isFrozen(Promise.prototype);
const als = new AsyncLocalStorage();
als.run('A', () => Promise.all([
  Promise.resolve().then(() => als.getStore()),
  new Promise((resolve) => setTimeout(() => resolve(als.getStore()), 1)),
  new Promise((resolve) => queueMicrotask(() => resolve(als.getStore()))),
])).then((stores) => { result.stores = stores; console.log(JSON.stringify(result)); });`;
  for (const [engine, out] of await outputs(source)) {
    assert.equal(out.lockdown.name, 'TypeError', `${engine}: ${JSON.stringify(out.lockdown)}`);
    assert.match(out.lockdown.message, /%PromisePrototype%\.constructor/, engine);
    assert.deepEqual({ frozen: out.frozen, stores: out.stores }, { frozen: false, stores: ['A', 'A', 'A'] }, engine);
  }
});

// A `then` wrapper other code puts on top of the engine's survives the engine's variant
// switches (a hook enabled and disabled) and its uninstall, and works through each.
test('a then wrapper put after the engine survives createHook().enable()/disable() and uninstall()', async () => {
  const source = `
const { AsyncLocalStorage, createHook, uninstall } = require(ENGINE);
const als = new AsyncLocalStorage();
const engineThen = Promise.prototype.then;
let wrapped = 0;
function then(...args) { wrapped++; return engineThen.apply(this, args); }
Promise.prototype.then = then;
const result = {};
const step = async (label) => {
  const before = wrapped;
  const store = await als.run(label, () => Promise.resolve().then(() => als.getStore()));
  result[label] = { store: store ?? null, wrapperOnTop: Promise.prototype.then === then, wrapperRan: wrapped > before };
};
(async () => {
  await step('installed');
  const hook = createHook({ init() {} }).enable();
  await step('hook enabled');
  hook.disable();
  await step('hook disabled');
  uninstall();
  await step('uninstalled');
  console.log(JSON.stringify(result));
})();`;
  for (const [engine, out] of await outputs(source)) {
    assert.deepEqual(out, {
      installed: { store: 'installed', wrapperOnTop: true, wrapperRan: true },
      'hook enabled': { store: 'hook enabled', wrapperOnTop: true, wrapperRan: true },
      'hook disabled': { store: 'hook disabled', wrapperOnTop: true, wrapperRan: true },
      uninstalled: { store: null, wrapperOnTop: true, wrapperRan: true },
    }, engine);
  }
});

// install()/uninstall() cycles keep nothing once their microtasks have run, with a hook
// enabled or not (a layer's record alone is over 100 bytes, and a cycle puts dozens); and after a burst of resources with a hook enabled, the engine's
// bookkeeping (ids, handles, destroy queues) shrinks back.
test('install()/uninstall() cycles keep nothing, and a burst of 100,000 timers with a hook leaves the heap where it was', async () => {
  const source = `
const v8 = require('node:v8');
const { install, uninstall, createHook, AsyncLocalStorage } = require(ENGINE);
const idle = () => new Promise((resolve) => setTimeout(resolve, 20));
const heap = () => { for (let i = 0; i < 4; i++) gc(); return v8.getHeapStatistics().used_heap_size; };
const cycles = async (n) => { for (let i = 0; i < n; i++) { uninstall(); install(); } await idle(); };
(async () => {
  const result = {};
  // Warmed up first: what the first cycles keep is the compiler's. The least of three
  // windows of 1,000 cycles: a leak shows in each, the heap's noise (code, feedback) not.
  const kept = async () => {
    let least = Infinity;
    for (let window = 0; window < 3; window++) {
      const start = heap();
      await cycles(1000);
      least = Math.min(least, (heap() - start) / 1000);
    }
    return least;
  };
  await cycles(1000);
  result.bytesPerCycle = await kept();
  const hook = createHook({ init() {}, destroy() {} }).enable();
  await cycles(1000);
  result.bytesPerCycleWithHook = await kept();
  const als = new AsyncLocalStorage();
  await idle();
  const start = heap();
  await als.run('burst', () => new Promise((resolve) => {
    let left = 100000;
    for (let i = 0; i < 100000; i++) setTimeout(() => { if (--left === 0) resolve(); }, 1);
  }));
  await idle();
  result.burstKeptKB = (heap() - start) / 1024;
  hook.disable();
  console.log(JSON.stringify(result));
})();`;
  for (const [engine, out] of await outputs(source, { flags: ['--expose-gc'] })) {
    assert.ok(out.bytesPerCycle < 50, `${engine}: ${out.bytesPerCycle} bytes kept per cycle`);
    assert.ok(out.bytesPerCycleWithHook < 50, `${engine}: ${out.bytesPerCycleWithHook} bytes kept per cycle with a hook`);
    assert.ok(out.burstKeptKB < 1024, `${engine}: ${out.burstKeptKB} kB kept after the burst`);
  }
});

// Two copies of the portable engine in one program (two versions in node_modules, a bundle
// and a CDN script): the first registers itself on the global (version and location), and a
// copy of another major version stops at install with an error naming both.
test('a second copy of the engine of another major version throws ANYCTX_INCOMPATIBLE_ENGINE naming both', async () => {
  const { version } = JSON.parse(readFileSync(join(root, 'packages/anyctx/package.json'), 'utf8'));
  const copy = (folder, as) => {
    mkdirSync(join(dir, folder), { recursive: true });
    writeFileSync(join(dir, folder, 'portable.cjs'), readFileSync(portable, 'utf8').replaceAll(JSON.stringify(version), JSON.stringify(as)));
    return join(dir, folder, 'portable.cjs');
  };
  const first = copy('first', '1.4.0');
  const second = copy('second', '2.0.0');
  const same = copy('same-major', '1.9.3');
  const source = `
const first = require(${JSON.stringify(first)});
const registered = globalThis[Symbol.for('anyctx.engine')];
const result = { registered: { version: registered.version, location: registered.location } };
try {
  require(${JSON.stringify(second)});
  result.second = 'installed';
} catch (error) {
  result.second = { code: error.code, message: error.message };
}
require(${JSON.stringify(same)});
result.sameMajor = 'installed';
console.log(JSON.stringify(result));`;
  for (const [engine, out] of await outputs(source)) {
    assert.deepEqual(out.registered, { version: '1.4.0', location: first }, engine);
    assert.equal(out.second.code, 'ANYCTX_INCOMPATIBLE_ENGINE', `${engine}: ${JSON.stringify(out.second)}`);
    for (const part of ['2.0.0', second, '1.4.0', first]) assert.ok(out.second.message.includes(part), `${engine}: the message names ${part}: ${out.second.message}`);
    assert.equal(out.sameMajor, 'installed', engine);
  }
});
