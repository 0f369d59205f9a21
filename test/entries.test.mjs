// The package entries: `anyctx` hands out Node's own classes on Node; `anyctx/portable`
// is one engine whether imported or required; outside Node `anyctx` is the portable engine;
// the build entries carry none of the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as nativeHooks from 'node:async_hooks';
import { buildDist } from './support/packages.mjs';
import { runProgram } from './support/run-program.mjs';

const require = createRequire(import.meta.url);

test('anyctx on Node re-exports node:async_hooks, for import and require', async () => {
  const imported = await import('anyctx');
  const required = require('anyctx');
  for (const name of ['AsyncLocalStorage', 'AsyncResource', 'createHook', 'executionAsyncId', 'triggerAsyncId', 'executionAsyncResource', 'asyncWrapProviders']) {
    assert.equal(imported[name], nativeHooks[name], `import ${name}`);
    assert.equal(required[name], nativeHooks[name], `require ${name}`);
  }
  assert.equal(imported.AsyncContext, required.AsyncContext);
});

test('AsyncContext on the native entry shares the native frames', async () => {
  const { AsyncContext } = await import('anyctx');
  const als = new nativeHooks.AsyncLocalStorage();
  const variable = new AsyncContext.Variable({ defaultValue: 'none' });
  const seen = await als.run('als', () => variable.run('var', () => new Promise((resolve) => {
    setTimeout(() => resolve([als.getStore(), variable.get()]), 1);
  })));
  assert.deepEqual(seen, ['als', 'var']);
  assert.equal(variable.get(), 'none');
});

test('anyctx/portable is a single engine for import and require', async () => {
  const imported = await import('anyctx/portable');
  const required = require('anyctx/portable');
  assert.equal(imported.AsyncLocalStorage, required.AsyncLocalStorage);
  assert.notEqual(imported.AsyncLocalStorage, nativeHooks.AsyncLocalStorage);
});

test('anyctx/tracker is one module for import and require on Node, on the portable engine', async () => {
  const imported = await import('anyctx/tracker');
  const required = require('anyctx/tracker');
  assert.equal(imported.TaskTracker, required.TaskTracker);
  assert.equal(imported.settled, required.settled);
  // Its scope follows the portable engine's task sources: a timer set in a required tracker's
  // run counts for it, seen through the imported class.
  const tracker = new imported.TaskTracker();
  required.TaskTracker.prototype.run.call(tracker, () => setTimeout(() => {}, 1));
  assert.deepEqual(tracker.pending.map((task) => task.source), ['setTimeout']);
  await tracker.whenIdle();
});

test('a bundle for browsers resolves anyctx to the portable engine', async () => {
  const { build } = await import('esbuild');
  const result = await build({
    stdin: { contents: "import { install, AsyncLocalStorage } from 'anyctx'; console.log(typeof install, typeof AsyncLocalStorage);", resolveDir: process.cwd() },
    bundle: true, platform: 'browser', format: 'iife', write: false, logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  assert.doesNotMatch(code, /node:async_hooks/);
  const run = await runProgram(process.execPath, ['-e', code], { check: true });
  assert.deepEqual(run.lines, ['function function']);
});

// What `import hooks from 'node:async_hooks'` finds on Node, every entry's default import has
// too: the browser bundle's (where the plugins resolve Node's module to anyctx), the
// generic ESM build's, and Node's.
test("every entry's default import holds Node's async_hooks names", async () => {
  const { build } = await import('esbuild');
  const names = Object.keys((await import('node:async_hooks')).default);
  assert.ok(names.includes('AsyncLocalStorage') && names.includes('createHook'));
  const defaults = {};
  for (const platform of ['browser', 'neutral']) {
    const result = await build({
      stdin: {
        contents: "import anyctx from 'anyctx'; console.log(JSON.stringify(Object.keys(anyctx).filter((k) => typeof anyctx[k] !== 'undefined')));",
        resolveDir: process.cwd(),
      },
      bundle: true, platform, mainFields: ['module', 'main'], format: 'iife', write: false, logLevel: 'silent',
    });
    defaults[platform] = (await runProgram(process.execPath, ['-e', result.outputFiles[0].text], { check: true })).json();
  }
  defaults.node = Object.keys((await import('anyctx')).default);
  defaults['portable on node'] = Object.keys((await import('anyctx/portable')).default);
  for (const [entry, keys] of Object.entries(defaults)) {
    for (const name of names) assert.ok(keys.includes(name), `${entry}: ${name}`);
  }
});

// anyctx-build reaches the runtime only through its public entries (anyctx/portable,
// anyctx/protocol), which stay imports: no build bundle carries a copy of the engine.
// esbuild's unminified bundles name each source file they inline in a `// packages/…` comment.
test('the build entries inline no runtime code', () => {
  const outputs = readdirSync(buildDist).filter((file) => /\.c?js$/.test(file));
  assert.ok(outputs.length >= 19, outputs.join(', '));
  for (const output of outputs) {
    const code = readFileSync(join(buildDist, output), 'utf8');
    const inlined = [...code.matchAll(/^\/\/ (packages\/\S+)$/gm)].map((match) => match[1]);
    assert.ok(inlined.length > 0, `${output} names the sources it inlines`);
    assert.deepEqual(inlined.filter((file) => !file.startsWith('packages/anyctx-build/src/')), [], output);
  }
});
