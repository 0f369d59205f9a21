// Two copies of the portable engine in one program (two versions in node_modules, a bundle and a
// CDN script) that share one context: the first to install registers itself on the global, and
// the second, of the same major version and the same context protocol, uses the first's layers
// and installs none of its own (docs/engine.md, "Other code on the same globals"). The storages
// of both keep their values through the task sources and the await helpers of either, no store
// reaches another flow, uninstall() is the first's, and the second's async_hooks API is the
// first's (or install stops, where only the second has one).
//
// Each case is a program run on Node 24 and Node 20, with two copies of the portable engine's
// CommonJS build (packages/anyctx/dist/portable.cjs) in folders of their own, their versions
// patched, and files rewritten by the await transform against one copy or the other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { transform } from 'anyctx-build/transform';
import { PORTABLE } from './engines.mjs';
import { runProgram } from './support/run-program.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'packages/anyctx/dist');
const { version } = JSON.parse(readFileSync(join(root, 'packages/anyctx/package.json'), 'utf8'));

let dir;
/** The two copies: their files, and a file of each rewritten against it (`flow`). */
const copies = {};

/** A copy of `file` of dist/ in its own folder, as version `as`. */
function copyOfDist(folder, as, file = 'portable.cjs') {
  mkdirSync(join(dir, folder), { recursive: true });
  const path = join(dir, folder, file);
  writeFileSync(path, readFileSync(join(dist, file), 'utf8').replaceAll(JSON.stringify(version), JSON.stringify(as)));
  return path;
}

// An async function that awaits through every kind of task source, rewritten against one copy's
// helpers: what it sees of both storages after each await.
const flowSource = `
module.exports = async function flow(a, b) {
  const seen = [];
  const look = (where) => seen.push([where, a.getStore() ?? null, b.getStore() ?? null]);
  await null;
  look('await');
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
  look('setTimeout');
  await Promise.resolve().then(() => look('then'));
  look('after then');
  await new Promise((resolve) => setImmediate(resolve));
  look('setImmediate');
  await new Promise((resolve) => queueMicrotask(resolve));
  look('queueMicrotask');
  await { then(resolve) { look('thenable'); resolve(); } };
  look('after thenable');
  try {
    await Promise.reject(new Error('x'));
  } catch {
    look('catch');
  }
  return seen;
};
// An async generator: after a yield, next() goes on in its caller's frame (Node's rule, which
// the layer on AsyncGenerator.prototype tells the rewritten body), return() runs its finally
// block in return()'s.
module.exports.generator = async function* generator(a) {
  try {
    await null;
    yield a.getStore() ?? null;
    yield a.getStore() ?? null;
  } finally {
    module.exports.closedIn = a.getStore() ?? null;
  }
};`;

function rewrittenAgainst(folder, runtime) {
  const { code, changed } = transform(flowSource, { filename: join(dir, folder, 'flow.cjs'), runtime, helpers: 'require', sourceMap: false });
  assert.ok(changed, 'the transform rewrote the flow');
  const path = join(dir, folder, 'flow.cjs');
  writeFileSync(path, code);
  return path;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'anyctx-copies-'));
  for (const [name, as] of [['first', '1.4.0'], ['second', '1.9.3']]) {
    const engine = copyOfDist(name, as);
    copies[name] = { engine, flow: rewrittenAgainst(name, engine) };
  }
  // A copy without the async_hooks half: an app's bundle of the ES build that imports
  // AsyncLocalStorage only (its exports with async_hooks are pure calls, left out).
  const esm = copyOfDist('bundled', '1.2.0', 'portable.js');
  writeFileSync(join(dir, 'bundled', 'app.mjs'), `export { AsyncLocalStorage, isInstalled, uninstall } from ${JSON.stringify(esm)};`);
  await build({ entryPoints: [join(dir, 'bundled', 'app.mjs')], bundle: true, format: 'cjs', platform: 'node', outfile: join(dir, 'bundled', 'app.cjs'), logLevel: 'silent' });
  copies.bundled = { engine: join(dir, 'bundled', 'app.cjs') };
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `source` (CommonJS; FIRST, SECOND, BUNDLED, FLOW_FIRST, FLOW_SECOND name the files) on each engine; its JSON output. */
async function outputs(source, name) {
  const file = join(dir, `${name}.cjs`);
  const paths = {
    FIRST: copies.first.engine, SECOND: copies.second.engine, BUNDLED: copies.bundled.engine,
    FLOW_FIRST: copies.first.flow, FLOW_SECOND: copies.second.flow,
  };
  writeFileSync(file, source.replace(/\b(FIRST|SECOND|BUNDLED|FLOW_FIRST|FLOW_SECOND)\b/g, (key) => JSON.stringify(paths[key])));
  const results = [];
  for (const engine of PORTABLE) {
    const result = await runProgram(engine, [file], { cwd: dir, timeout: 60_000 });
    assert.equal(result.exitCode, 0, `${engine.name}: ${result.stderr}`);
    results.push([engine.name, result.json()]);
  }
  return results;
}

// Interleaved flows, each with a store of each copy's storage, through the flow rewritten
// against either copy, timers, then chains and enterWith: every look sees its own flow's two
// stores.
const flows = `
const A = require(FIRST);
const B = require(SECOND);
const a = new A.AsyncLocalStorage();
const b = new B.AsyncLocalStorage();
const flows = { first: require(FLOW_FIRST), second: require(FLOW_SECOND) };
const looks = [];
const check = (id, seen) => { for (const [where, sa, sb] of seen) looks.push({ id, where, sa, sb }); };
const look = (id, where) => check(id, [[where, a.getStore() ?? null, b.getStore() ?? null]]);
const runs = [];
for (let i = 0; i < 40; i++) {
  const id = 'f' + i;
  const via = i % 2 === 0 ? 'first' : 'second';
  // Half the flows enter the first's store with run, half with enterWith (inside a run of the other).
  const body = () => flows[via](a, b).then((seen) => check(id, seen.map(([where, ...stores]) => [via + ': ' + where, ...stores])));
  const flow = i % 4 < 2
    ? () => a.run('a' + id, () => b.run('b' + id, body))
    : () => b.run('b' + id, () => { a.enterWith('a' + id); return body(); });
  runs.push(new Promise((resolve) => setTimeout(() => resolve(flow()), i % 3)));
  // Timers and then chains of either copy's storage, with no rewritten code.
  a.run('a' + id, () => b.run('b' + id, () => {
    setTimeout(() => look(id, 'setTimeout'), i % 5);
    Promise.resolve().then(() => look(id, 'then')).then(() => look(id, 'then then'));
    setImmediate(() => look(id, 'setImmediate'));
  }));
}
Promise.all(runs).then(() => setTimeout(() => {
  const wrong = looks.filter(({ id, sa, sb }) => sa !== 'a' + id || sb !== 'b' + id);
  console.log(JSON.stringify({ looks: looks.length, wrong: wrong.slice(0, 10), wrongCount: wrong.length, foreign: wrong.filter(({ id, sa, sb }) => (sa !== null && sa !== 'a' + id) || (sb !== null && sb !== 'b' + id)).length }));
}, 20));
`;

test('storages of both copies keep their values through the await helpers, timers and then chains of either, in interleaved flows', async () => {
  for (const [engine, out] of await outputs(flows, 'flows')) {
    assert.ok(out.looks >= 40 * 13, `${engine}: ${out.looks} looks`);
    assert.equal(out.foreign, 0, `${engine}: a store reached another flow: ${JSON.stringify(out.wrong)}`);
    assert.equal(out.wrongCount, 0, `${engine}: stores lost: ${JSON.stringify(out.wrong)}`);
  }
});

// The second uses the first's layers: it puts none of its own; its uninstall() leaves them (and
// the context keeps propagating); the first's takes them off for both; after that, the second's
// install() puts its own, which carry the first's storages too.
const layers = `
const nativeThen = Promise.prototype.then;
const nativeSetTimeout = setTimeout;
const A = require(FIRST);
const layered = { then: Promise.prototype.then, setTimeout };
const B = require(SECOND);
const a = new A.AsyncLocalStorage();
const b = new B.AsyncLocalStorage();
const registered = () => globalThis[Symbol.for('anyctx.engine')]?.version ?? null;
const inTimer = () => new Promise((resolve) => a.run('a', () => b.run('b', () => setTimeout(() => resolve([a.getStore() ?? null, b.getStore() ?? null])))));
(async () => {
  const out = {};
  out.secondPutNone = Promise.prototype.then === layered.then && setTimeout === layered.setTimeout && layered.then !== nativeThen;
  out.registered = registered();
  out.installed = [A.isInstalled(), B.isInstalled()];
  B.uninstall();
  out.afterSecondUninstall = { installed: [A.isInstalled(), B.isInstalled()], layersKept: Promise.prototype.then === layered.then && setTimeout === layered.setTimeout, registered: registered(), stores: await inTimer() };
  A.uninstall();
  out.afterFirstUninstall = { installed: [A.isInstalled(), B.isInstalled()], native: Promise.prototype.then === nativeThen && setTimeout === nativeSetTimeout, registered: registered(), stores: await inTimer() };
  B.install();
  out.secondInstalled = { installed: [A.isInstalled(), B.isInstalled()], layered: Promise.prototype.then !== nativeThen, registered: registered(), stores: await inTimer() };
  // The first, installed again, would use the second's layers, which keep no ids for its
  // async_hooks half: it stops.
  try {
    A.install();
    out.firstAgain = 'installed';
  } catch (error) {
    out.firstAgain = { code: error.code, installed: [A.isInstalled(), B.isInstalled()], stores: await inTimer() };
  }
  B.uninstall();
  out.allOff = { installed: [A.isInstalled(), B.isInstalled()], native: Promise.prototype.then === nativeThen && setTimeout === nativeSetTimeout, registered: registered() };
  console.log(JSON.stringify(out));
})();
`;

const generators = `
const A = require(FIRST);
const B = require(SECOND);
const out = {};
(async () => {
  for (const [via, file] of [['first', FLOW_FIRST], ['second', FLOW_SECOND]]) {
    const flow = require(file);
    for (const [name, storage] of [['first', new A.AsyncLocalStorage()], ['second', new B.AsyncLocalStorage()]]) {
      const it = storage.run('created', () => flow.generator(storage));
      const seen = [(await storage.run('next 1', () => it.next())).value, (await storage.run('next 2', () => it.next())).value];
      await storage.run('return', () => it.return());
      out[via + ' generator, ' + name + ' storage'] = [...seen, flow.closedIn];
    }
  }
  console.log(JSON.stringify(out));
})();
`;

test('async generators rewritten against either copy resume in the frame of their next() and return() calls', async () => {
  for (const [engine, out] of await outputs(generators, 'generators')) {
    for (const [name, seen] of Object.entries(out)) assert.deepEqual(seen, ['next 1', 'next 2', 'return'], `${engine}: ${name}`);
    assert.equal(Object.keys(out).length, 4, engine);
  }
});

test('the second copy puts no layer; uninstall() is the installed copy\'s, and takes its layers off for both', async () => {
  for (const [engine, out] of await outputs(layers, 'layers')) {
    assert.equal(out.secondPutNone, true, engine);
    assert.equal(out.registered, '1.4.0', engine);
    assert.deepEqual(out.installed, [true, true], engine);
    assert.deepEqual(out.afterSecondUninstall, { installed: [true, true], layersKept: true, registered: '1.4.0', stores: ['a', 'b'] }, engine);
    assert.deepEqual(out.afterFirstUninstall, { installed: [false, false], native: true, registered: null, stores: [null, null] }, engine);
    assert.deepEqual(out.secondInstalled, { installed: [false, true], layered: true, registered: '1.9.3', stores: ['a', 'b'] }, engine);
    assert.deepEqual(out.firstAgain, { code: 'ANYCTX_INCOMPATIBLE_ENGINE', installed: [false, true], stores: ['a', 'b'] }, engine);
    assert.deepEqual(out.allOff, { installed: [false, false], native: true, registered: null }, engine);
  }
});

// async_hooks: the ids and hooks are the first's (its layers keep them). The second's exports
// are the first's; a second that has async_hooks beside a first without stops at install.
const asyncHooks = `
const A = require(FIRST);
const B = require(SECOND);
const out = { same: ['createHook', 'AsyncHook', 'AsyncResource', 'executionAsyncId', 'triggerAsyncId', 'executionAsyncResource'].filter((name) => A[name] !== B[name]) };
const inits = [];
const hook = B.createHook({ init(id, type, trigger) { inits.push([id, type, trigger]); } }).enable();
let inside;
const outer = B.executionAsyncId();
setTimeout(() => {
  inside = { id: B.executionAsyncId(), trigger: B.triggerAsyncId(), firstId: A.executionAsyncId() };
  hook.disable();
  const timeout = inits.find(([, type]) => type === 'Timeout');
  out.timeout = { seen: timeout !== undefined, runsAsIt: timeout?.[0] === inside.id, triggeredByOuter: timeout?.[2] === outer, sameIds: inside.id === inside.firstId };
  const resource = new B.AsyncResource('X');
  out.resource = { isFirsts: resource instanceof A.AsyncResource };
  console.log(JSON.stringify(out));
});
`;

test('the second copy\'s async_hooks API is the first\'s', async () => {
  for (const [engine, out] of await outputs(asyncHooks, 'async-hooks')) {
    assert.deepEqual(out.same, [], `${engine}: exports that are not the first's`);
    assert.deepEqual(out.timeout, { seen: true, runsAsIt: true, triggeredByOuter: true, sameIds: true }, engine);
    assert.deepEqual(out.resource, { isFirsts: true }, engine);
  }
});

// A first copy without async_hooks (a bundle that imports AsyncLocalStorage only): a second
// that has them stops at install, naming both; one without them (the same bundle's kind) runs
// beside it, sharing the context.
const withoutHalf = `
const Bundled = require(BUNDLED);
const out = {};
try {
  require(SECOND);
  out.second = 'installed';
} catch (error) {
  out.second = { code: error.code, message: error.message };
}
const a = new Bundled.AsyncLocalStorage();
a.run('a', () => setTimeout(() => {
  out.bundledStore = a.getStore() ?? null;
  console.log(JSON.stringify(out));
}));
`;

test('a second copy with async_hooks beside a first without them throws ANYCTX_INCOMPATIBLE_ENGINE naming both', async () => {
  for (const [engine, out] of await outputs(withoutHalf, 'without-half')) {
    assert.equal(out.second.code, 'ANYCTX_INCOMPATIBLE_ENGINE', `${engine}: ${JSON.stringify(out.second)}`);
    for (const part of ['1.9.3', copies.second.engine, '1.2.0', copies.bundled.engine, 'async_hooks']) {
      assert.ok(out.second.message.includes(part), `${engine}: the message names ${part}: ${out.second.message}`);
    }
    assert.equal(out.bundledStore, 'a', engine);
  }
});

const halfFirst = `
const A = require(FIRST);
const Bundled = require(BUNDLED);
const a = new A.AsyncLocalStorage();
const b = new Bundled.AsyncLocalStorage();
const flow = require(FLOW_FIRST);
a.run('a', () => b.run('b', () => flow(a, b))).then((seen) => {
  console.log(JSON.stringify({ installed: Bundled.isInstalled(), registered: globalThis[Symbol.for('anyctx.engine')].version, wrong: seen.filter(([, sa, sb]) => sa !== 'a' || sb !== 'b') }));
});
`;

test('a second copy without async_hooks runs beside a first with them, on one context', async () => {
  for (const [engine, out] of await outputs(halfFirst, 'half-first')) {
    assert.deepEqual(out, { installed: true, registered: '1.4.0', wrong: [] }, engine);
  }
});
