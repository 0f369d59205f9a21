// What `npm run size` measures must be a bundle that works in a browser: `anyctx` bundled
// for the browser platform is the portable browser build alone, with nothing left to import
// (no `node:` module) and none of Node's task sources, and it runs in a realm that has none of Node's globals (no process,
// setImmediate, Buffer, require), keeping the context as native Node does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AsyncLocalStorage as NativeAsyncLocalStorage } from 'node:async_hooks';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { built } from './support/packages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

async function browserBundle(format, contents = "export * from 'anyctx';") {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true, minify: true, platform: 'browser', format, globalName: 'anyctx', target: 'es2022',
    write: false, metafile: true, logLevel: 'silent',
  });
  return { code: result.outputFiles[0].text, metafile: result.metafile };
}

test('for the browser, `anyctx` is the portable browser build alone, importing nothing', async () => {
  const { metafile } = await browserBundle('esm');
  assert.deepEqual(Object.keys(metafile.inputs).filter((input) => input !== '<stdin>'), ['packages/anyctx/dist/portable.browser.js']);
  assert.deepEqual(Object.values(metafile.outputs)[0].imports, []);
});

// The generic build (other runtimes: QuickJS, Hermes, workerd) keeps them.
test('the browser build leaves Node\'s task sources out; the generic build keeps them', async () => {
  const { code } = await browserBundle('esm');
  const generic = readFileSync(built('anyctx', 'portable.js'), 'utf8');
  for (const nodeOnly of ['nextTick', 'setImmediate', 'kHybridDispatch', 'uncaughtException']) {
    assert.doesNotMatch(code, new RegExp(nodeOnly), nodeOnly);
    assert.match(generic, new RegExp(nodeOnly), nodeOnly);
  }
});

// Context across timers, a then and a microtask, run in the bundle's realm and natively.
const scenario = readFileSync(new URL('fixtures/bundle-size/keeps-context.js', import.meta.url), 'utf8');

/** A tree-shaken browser bundle of `names`, evaluated in a fresh realm: its exports and the realm's global. */
async function shakenEngine(names) {
  const { code } = await browserBundle('iife', `export { ${names.join(', ')} } from 'anyctx';`);
  const context = vm.createContext({ setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, console });
  return { code, engine: vm.runInContext(`${code};anyctx`, context), global: vm.runInContext('globalThis', context), context };
}

function runScenario(run) {
  const lines = [];
  return new Promise((resolve) => run((line) => lines.push(line), () => resolve(lines)));
}

test('the browser bundle runs without Node globals and keeps the context as native Node does', async () => {
  const { code } = await browserBundle('iife');
  // A fresh realm (its own Promise, which the bundle instruments) with only what every
  // browser has for scheduling.
  const context = vm.createContext({ setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, console });
  assert.equal(vm.runInContext('typeof process + typeof setImmediate + typeof Buffer + typeof require', context), 'undefinedundefinedundefinedundefined');
  const engine = vm.runInContext(`${code};anyctx`, context);
  assert.equal(engine.isInstalled(), true);

  const portable = vm.runInContext(scenario, context);
  const native = vm.runInThisContext(scenario);
  const expected = await runScenario((log, done) => native(NativeAsyncLocalStorage, log, done));
  const actual = await runScenario((log, done) => portable(engine.AsyncLocalStorage, log, done));
  assert.deepEqual(actual, expected);
});

// What an app that imports only AsyncLocalStorage ships: no async_hooks (ids, hooks,
// AsyncResource), no await helpers, and still the context of every source.
test('a bundle of AsyncLocalStorage alone leaves async_hooks and the await helpers out, and keeps the context', async () => {
  const { code, engine, global, context } = await shakenEngine(['AsyncLocalStorage']);
  for (const absent of ['"Microtask"', '"Timeout"', '"PROMISE"', 'ERR_ASYNC_CALLBACK', 'anyctx.awaitFrames', 'resumeModule']) {
    assert.doesNotMatch(code, new RegExp(absent), absent);
  }
  assert.equal(global[Symbol.for('anyctx.awaitFrames')], undefined);
  const portable = vm.runInContext(scenario, context);
  const native = vm.runInThisContext(scenario);
  const expected = await runScenario((log, done) => native(NativeAsyncLocalStorage, log, done));
  assert.deepEqual(await runScenario((log, done) => portable(engine.AsyncLocalStorage, log, done)), expected);
  // bind and snapshot without a resource: the frame, `this`, arguments, name and length.
  const { AsyncLocalStorage } = engine;
  const als = new AsyncLocalStorage();
  const bound = als.run('bound', () => AsyncLocalStorage.bind(function (a, b) { return [als.getStore(), this, a, b]; }));
  const self = {};
  assert.deepEqual(bound.call(self, 1, 2), ['bound', self, 1, 2]);
  assert.deepEqual([bound.name, bound.length], ['bound', 2]);
  const snapshot = als.run('snapshot', () => AsyncLocalStorage.snapshot());
  assert.deepEqual([snapshot((x) => [als.getStore(), x], 3), snapshot.name, snapshot.length], [['snapshot', 3], 'bound', 1]);
  assert.throws(() => AsyncLocalStorage.bind(1), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
});

// Whether the realm's async generators have the engine's next/return/throw.
const ASYNC_GENERATOR_NEXT = 'Object.getPrototypeOf(Object.getPrototypeOf((async function* () {})())).next.toString()';

test('a bundle that imports all the await helpers also puts them on the global, and instruments async generators', async () => {
  const { engine, global, context } = await shakenEngine(['AsyncLocalStorage', 'awaitFrames']);
  assert.equal(global[Symbol.for('anyctx.awaitFrames')], engine.awaitFrames);
  assert.doesNotMatch(vm.runInContext(ASYNC_GENERATOR_NEXT, context), /\[native code\]/);
});

// What a transformed file without async generators, `for await` or `await using` imports.
test('a bundle of the basic await helpers has neither the global nor the async generator instrumentation, and keeps an await\'s context', async () => {
  const { code, engine, global, context } = await shakenEngine(['AsyncLocalStorage', 'awaitFramesBasic']);
  assert.deepEqual(Object.keys(engine.awaitFramesBasic), ['enter', 'suspend', 'resume', 'recover', 'resumeModule', 'leave', 'resolving', 'creation', 'capture', 'created']);
  assert.equal(global[Symbol.for('anyctx.awaitFrames')], undefined);
  assert.match(vm.runInContext(ASYNC_GENERATOR_NEXT, context), /\[native code\]/);
  for (const absent of ['enterGenerator', 'asyncDispose']) assert.doesNotMatch(code, new RegExp(absent), absent);
  // An async function rewritten the way the transform rewrites it, with a rejected await
  // landing in its catch.
  const { transform } = await import('anyctx-build/transform');
  const source = readFileSync(new URL('fixtures/bundle-size/rejected-await.js', import.meta.url), 'utf8');
  const rewritten = transform(source, { filename: 'f.js', helpers: 'global', sourceMap: false }).code;
  const body = rewritten.replace(/^var (\w+) = [^;]*;/, 'var $1 = anyctx.awaitFramesBasic;');
  assert.notEqual(body, rewritten, 'the helpers come from the basic object');
  const f = vm.runInContext(body, context);
  const als = new engine.AsyncLocalStorage();
  const log = [];
  await als.run('request', () => f(als, (store) => log.push(store)));
  assert.deepEqual(log, ['request', 'request', 'request']);
  assert.equal(als.getStore(), undefined);
});

// Importing any async_hooks export loads the whole of it with the engine: a timer scheduled
// before anything else runs still is a resource of its own, triggered by the top level.
test('a bundle that imports executionAsyncId has the ids from its first line on', async () => {
  const { code } = await browserBundle('iife', "export { executionAsyncId, triggerAsyncId } from 'anyctx';");
  const context = vm.createContext({ setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, console });
  const { top, timer } = vm.runInContext(`${code};({
    top: anyctx.executionAsyncId(),
    timer: new Promise((resolve) => setTimeout(() => resolve([anyctx.executionAsyncId(), anyctx.triggerAsyncId()]), 0)),
  })`, context);
  const [id, trigger] = await timer;
  assert.equal(top, 1);
  assert.ok(id > 1, `the timer's id ${id}`);
  assert.equal(trigger, 1);
});
