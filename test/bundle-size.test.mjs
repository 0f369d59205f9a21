// What `npm run size` measures must be a bundle that works in a browser: `asyncctx` bundled
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

const root = fileURLToPath(new URL('..', import.meta.url));

async function browserBundle(format) {
  const result = await build({
    stdin: { contents: "export * from 'asyncctx';", resolveDir: root, loader: 'js' },
    bundle: true, minify: true, platform: 'browser', format, globalName: 'asyncctx', target: 'es2022',
    write: false, metafile: true, logLevel: 'silent',
  });
  return { code: result.outputFiles[0].text, metafile: result.metafile };
}

test('for the browser, `asyncctx` is the portable browser build alone, importing nothing', async () => {
  const { metafile } = await browserBundle('esm');
  assert.deepEqual(Object.keys(metafile.inputs).filter((input) => input !== '<stdin>'), ['dist/portable.browser.js']);
  assert.deepEqual(Object.values(metafile.outputs)[0].imports, []);
});

// The generic build (other runtimes: QuickJS, Hermes, workerd) keeps them.
test('the browser build leaves Node\'s task sources out; the generic build keeps them', async () => {
  const { code } = await browserBundle('esm');
  const generic = readFileSync(new URL('../dist/portable.js', import.meta.url), 'utf8');
  for (const nodeOnly of ['nextTick', 'setImmediate', 'kHybridDispatch', 'uncaughtException']) {
    assert.doesNotMatch(code, new RegExp(nodeOnly), nodeOnly);
    assert.match(generic, new RegExp(nodeOnly), nodeOnly);
  }
});

// Context across a timer, a then, a promise resolved by a timer, a microtask; the store
// outside any run. Scheduled in one order, so the log order is the platform's too.
const scenario = `(AsyncLocalStorage, log, done) => {
  const als = new AsyncLocalStorage();
  als.run('timer', () => setTimeout(() => log('timer: ' + als.getStore()), 0));
  als.run('then', () => Promise.resolve().then(() => log('then: ' + als.getStore())));
  als.run('resolved by a timer', () => new Promise((resolve) => setTimeout(resolve, 0)).then(() => log('resolved by a timer: ' + als.getStore())));
  als.run('microtask', () => queueMicrotask(() => log('microtask: ' + als.getStore())));
  log('outside: ' + als.getStore());
  setTimeout(() => setTimeout(done, 5), 5);
}`;

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
  const engine = vm.runInContext(`${code};asyncctx`, context);
  assert.equal(engine.isInstalled(), true);

  const portable = vm.runInContext(`(${scenario})`, context);
  const native = vm.runInThisContext(`(${scenario})`);
  const expected = await runScenario((log, done) => native(NativeAsyncLocalStorage, log, done));
  const actual = await runScenario((log, done) => portable(engine.AsyncLocalStorage, log, done));
  assert.deepEqual(actual, expected);
});
