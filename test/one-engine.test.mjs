// One engine per bundle. An app (test/fixtures/one-engine-app) reaches the engine every way
// there is: `import 'anyctx'`, a CommonJS library's `require('async_hooks')`, an ES library's
// `import 'node:async_hooks'`, OpenTelemetry's context manager (CommonJS, requires
// async_hooks and events), and the helpers its rewritten awaits import (by `import` in ES
// modules, by `require` in CommonJS ones). Each bundler builds it with the plugin's default
// options and the bundler's own setup as the README gives it, in a project that has no
// `events` package of its own. Each bundle must hold one copy of the engine (by the module
// ids the bundler reports), and keep every storage's value across the app's native awaits in
// Node and in Chromium: two copies would each keep only their own storages.
//
// Vite builds workers with plugins of their own: a worker's awaits must be rewritten in a
// production build too, with no `worker.plugins` in the app's config.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROWSERS } from './browser/launch.mjs';
import { ORACLE } from './engines.mjs';
import { makeProjectDir } from './support/project-dir.mjs';
import { repoRoot } from './support/packages.mjs';
import { runProgram } from './support/run-program.mjs';
import { bundlers, engineFiles } from './support/bundlers.mjs';

const fixture = fileURLToPath(new URL('fixtures/one-engine-app/', import.meta.url));

// What every line must say: each request's own value in every storage.
const expected = ['A', 'B'].flatMap((name) =>
  ['after await null', 'after a timer', 'after Promise.all'].map(
    (label) => `${name} ${label}: app=${name} tracer=${name}-span logger=${name}-fields otel=${name}-otel`));

let project;
let out;
let server;
let browser;

before(async () => {
  // A project as a user has it: anyctx, anyctx-build and OpenTelemetry installed, no `events`.
  project = makeProjectDir('anyctx-one-engine-', { packages: ['anyctx', 'anyctx-build'] });
  mkdirSync(join(project, 'node_modules', '@opentelemetry'));
  for (const pkg of ['api', 'context-async-hooks']) {
    // Copied, not linked: from the repository's folder, bundlers would find its `events`.
    cpSync(join(repoRoot, 'node_modules', '@opentelemetry', pkg), join(project, 'node_modules', '@opentelemetry', pkg), { recursive: true, dereference: true });
  }
  cpSync(fixture, join(project, 'src'), { recursive: true });
  out = join(project, 'out');
  mkdirSync(out);
  server = await serve(out);
});

after(async () => {
  await browser?.close();
  server?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

/** Serves `root` on 127.0.0.1. */
async function serve(root) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript' };
  const http = createServer((request, response) => {
    const file = normalize(join(root, decodeURIComponent(new URL(request.url, 'http://x').pathname)));
    if (!file.startsWith(root) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${http.address().port}`, close: () => http.close() };
}

/** Chromium, launched once, or undefined where it is missing. */
async function chromium() {
  if (browser) return browser;
  try {
    execFileSync('sh', [join(repoRoot, 'scripts/ensure-browsers.sh')], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 150_000 });
  } catch {
    // Whatever is there is used.
  }
  if (!existsSync(BROWSERS.chromium)) return undefined;
  const { chromium: playwright } = await import('playwright-core');
  browser = await playwright.launch({ executablePath: BROWSERS.chromium, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  return browser;
}

/** Loads `script` (a path under `out`) in a page; what the page puts in `globalThis[key]`. */
async function inChromium(t, script, key, { module = true } = {}) {
  const running = await chromium();
  if (!running) {
    t.skip(`${BROWSERS.chromium} is missing and could not be installed`);
    return undefined;
  }
  const page = await running.newPage();
  try {
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const html = join(out, `${script.replace(/[\\/.]/g, '-')}.html`);
    const src = `/${relative(out, join(out, script)).split(/[\\/]/).join('/')}`;
    writeFileSync(html, `<!doctype html><meta charset=utf-8><title>anyctx</title><script${module ? ' type=module' : ''} src="${src}"></script>`);
    await page.goto(`${server.url}/${relative(out, html)}`);
    await page.waitForFunction((name) => globalThis[name] !== undefined, key, { timeout: 30_000 }).catch(() => {});
    const value = await page.evaluate((name) => globalThis[name], key);
    assert.deepEqual(errors, [], 'the page threw');
    return value;
  } finally {
    await page.close();
  }
}

const entry = () => join(project, 'src', 'main.js');

for (const name of Object.keys(bundlers)) {
  test(`${name}, default options: one engine, every storage kept across native awaits in Node and in Chromium`, { timeout: 120_000 }, async (t) => {
    const { file, module, ids } = await bundlers[name]({ entry: entry(), dir: join(out, name), root: project });
    assert.ok(ids.some((id) => id.endsWith('tracer.cjs')), `the bundler reports its modules (${ids.length})`);
    assert.equal(engineFiles(ids).length, 1, `one copy of the engine: ${engineFiles(ids).join(', ')}`);

    // Node runs the browser bundle (the portable engine's browser build) as a file.
    const nodeFile = module ? file : file.replace(/\.js$/, '.cjs');
    if (nodeFile !== file) writeFileSync(nodeFile, readFileSync(file));
    const run = await runProgram(ORACLE.node, [nodeFile], { timeout: 30_000 });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.deepEqual(run.json(), expected, 'in Node');

    const results = await inChromium(t, relative(out, file), 'oneEngineResults', { module });
    if (results !== undefined) assert.deepEqual(results, expected, 'in Chromium');
  });
}

test("vite, default options: a worker's awaits keep the context in a production build, in Chromium", { timeout: 120_000 }, async (t) => {
  const [{ build }, { default: anyctx }] = await Promise.all([import('vite'), import('anyctx-build/vite')]);
  const dir = join(out, 'vite-worker');
  await build({
    configFile: false, root: project, base: './', logLevel: 'silent', plugins: [anyctx()],
    build: { outDir: dir, emptyOutDir: true, rollupOptions: { input: join(project, 'src', 'worker-main.js'), output: { entryFileNames: 'main.mjs' } } },
  });
  const results = await inChromium(t, 'vite-worker/main.mjs', 'workerResults');
  if (results !== undefined) assert.deepEqual(results, ['A', 'B']);
});
