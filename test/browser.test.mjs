// Real browsers: the web task sources (test/browser/scenarios.mjs), a Web Worker and a real
// click, in a page bundled with esbuild and anyctx's esbuild plugin for the browser
// (test/browser/web-page.mjs). Chromium is driven by playwright-core; Firefox ESR cannot be
// (Playwright needs its own patched Firefox), so it loads the page headless and the page
// posts its results to our server. Both also run OpenTelemetry's context manager, bundled
// with the plugin (test/browser/opentelemetry-page.mjs), and Chromium runs it from Vite's
// dev server too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWebPage, serveWebPage, wrongResults } from './browser/web-page.mjs';
import { BROWSERS, launchHeadless } from './browser/launch.mjs';
import { ORACLE } from './engines.mjs';
import { packageDir } from './support/packages.mjs';
import { runProgram } from './support/run-program.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

let available = { chromium: false, firefox: false };
let server;
let out;

before(async () => {
  // Installs the browsers with apt when they are missing and we may (root).
  try {
    execFileSync('sh', [here('../scripts/ensure-browsers.sh')], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 150_000 });
  } catch {
    // Whatever is there is used; the rest is skipped with a message.
  }
  available = { chromium: existsSync(BROWSERS.chromium), firefox: existsSync(BROWSERS.firefox) };
  out = mkdtempSync(join(tmpdir(), 'anyctx-browser-'));
  server = await serveWebPage(await buildWebPage());
});

after(() => {
  server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

test('Chromium: every web task source, a worker, and a real click', { timeout: 90_000 }, async (t) => {
  if (!available.chromium) return t.skip(`${BROWSERS.chromium} is missing and could not be installed`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: BROWSERS.chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--js-flags=--expose-gc'],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await page.waitForFunction(() => globalThis.anyctxResults !== undefined, undefined, { timeout: 30_000 });
    assert.deepEqual(wrongResults(await page.evaluate(() => globalThis.anyctxResults)), []);
    assert.deepEqual(errors, []);

    // Other code enters a store at the top level of a task; the user's click that follows is
    // the platform's own event and must not see it.
    for (const store of ['stale-1', 'stale-2']) {
      const during = await page.evaluate((s) => { globalThis.anyctxPage.enterWithAtTopLevel(s); return globalThis.anyctxPage.storeNow(); }, store);
      assert.equal(during, store, 'enterWith took effect in its own task');
      await page.click('#target');
    }
    assert.deepEqual(await page.evaluate(() => globalThis.anyctxPage.clicks), ['<empty>', '<empty>']);
  } finally {
    await browser.close();
  }
});

/** Loads `url` in headless Firefox ESR, in a profile of its own; what the page posts. */
async function postedByFirefox(url) {
  const profile = mkdtempSync(join(out, 'firefox-profile-'));
  const arrived = server.nextPost();
  const firefox = launchHeadless('firefox', url, profile);
  try {
    const timeout = new Promise((resolve) => setTimeout(() => resolve('no results within 60 s'), 60_000).unref());
    const outcome = await Promise.race([arrived.then(() => 'posted'), firefox.exited, timeout]);
    assert.equal(outcome, 'posted');
    return await arrived;
  } finally {
    firefox.kill();
  }
}

test('Firefox ESR: every web task source and a worker, results posted by the page', { timeout: 90_000 }, async (t) => {
  if (!available.firefox) return t.skip(`${BROWSERS.firefox} is missing and could not be installed`);
  const results = await postedByFirefox(server.url);
  // Firefox ESR has no gc() for pages and may lack scheduler.postTask.
  const mayLack = new Set(['FinalizationRegistry: the Variables of construction, no storage\'s value', 'scheduler.postTask: frame of the call']);
  assert.deepEqual(wrongResults(results, mayLack), []);
});

// A library written for Node in real browsers: OpenTelemetry's context manager takes
// AsyncLocalStorage from node:async_hooks, which the plugin resolves to anyctx. The page
// (test/browser/opentelemetry-page.mjs) posts what it logged, which must be what native
// Node 24 logs for the same program.
let openTelemetryLog;
const openTelemetryExpected = () =>
  (openTelemetryLog ??= runProgram(ORACLE, [here('fixtures/opentelemetry-app/main.mjs')], { check: true }).then((run) => run.lines));

test("Chromium: OpenTelemetry's AsyncLocalStorageContextManager, bundled with the plugin, logs what native Node 24 logs", { timeout: 90_000 }, async (t) => {
  if (!available.chromium) return t.skip(`${BROWSERS.chromium} is missing and could not be installed`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: BROWSERS.chromium, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const arrived = server.nextPost();
    await page.goto(server.openTelemetryUrl);
    const timeout = new Promise((resolve) => setTimeout(() => resolve('no results within 30 s'), 30_000).unref());
    const lines = await Promise.race([arrived, timeout]);
    assert.deepEqual(errors, []);
    assert.deepEqual(lines, await openTelemetryExpected());
  } finally {
    await browser.close();
  }
});

test("Firefox ESR: OpenTelemetry's AsyncLocalStorageContextManager, bundled with the plugin, logs what native Node 24 logs", { timeout: 90_000 }, async (t) => {
  if (!available.firefox) return t.skip(`${BROWSERS.firefox} is missing and could not be installed`);
  assert.deepEqual(await postedByFirefox(server.openTelemetryUrl), await openTelemetryExpected());
});

// The same program served by Vite's dev server, in an app laid out as npm installs it:
// anyctx, OpenTelemetry and events copied into its node_modules (the build tools linked).
// The dependency optimizer pre-bundles OpenTelemetry with the plugin, the page loads the
// rewritten app, and both must reach one engine.
test("Chromium: the same program through Vite's dev server, in an app with its dependencies installed", { timeout: 120_000 }, async (t) => {
  if (!available.chromium) return t.skip(`${BROWSERS.chromium} is missing and could not be installed`);
  const app = mkdtempSync(join(out, 'vite-dev-app-'));
  const modules = join(app, 'node_modules');
  mkdirSync(join(modules, 'anyctx'), { recursive: true });
  copyAnyctx(join(modules, 'anyctx'));
  for (const name of ['@opentelemetry/api', '@opentelemetry/context-async-hooks', 'events']) {
    cpSync(fromRepo(`node_modules/${name}`), join(modules, name), { recursive: true, dereference: true });
  }
  linkBuildTools(modules);
  writeApp(app, here('fixtures/opentelemetry-app/main.mjs'));
  const { lines, errors } = await logOfViteDevServer(app, (await openTelemetryExpected()).at(-1));
  assert.deepEqual(errors, []);
  assert.deepEqual(lines, await openTelemetryExpected());
});

// The same through Vite's dev server in an app laid out as pnpm installs it: each package in
// node_modules/.pnpm, linked from node_modules, so that a dependency sees only its own
// dependencies. The rewritten dependency imports its helpers from the app's anyctx, which
// the optimizer and the page share; the optimized file the page loads is rewritten once.
test("Chromium: Vite's dev server in a pnpm layout: a rewritten dependency with no path to anyctx keeps each request", { timeout: 120_000 }, async (t) => {
  if (!available.chromium) return t.skip(`${BROWSERS.chromium} is missing and could not be installed`);
  const app = mkdtempSync(join(out, 'vite-pnpm-app-'));
  const modules = join(app, 'node_modules');
  const store = (name) => join(modules, '.pnpm', `${name}@1.0.0`, 'node_modules', name);
  mkdirSync(store('anyctx'), { recursive: true });
  copyAnyctx(store('anyctx'));
  cpSync(here('fixtures/async-hooks-app/node_modules/awaiting-lib'), store('awaiting-lib'), { recursive: true });
  for (const name of ['anyctx', 'awaiting-lib']) symlinkSync(store(name), join(modules, name));
  linkBuildTools(modules);
  writeApp(app, here('fixtures/async-hooks-app/strict-layout-awaits.mjs'));
  const { lines, errors, served } = await logOfViteDevServer(app, 'A B', /\/node_modules\/\.vite\/deps\/awaiting-lib\.js/);
  assert.deepEqual(errors, []);
  assert.deepEqual(lines, ['A B']);
  assert.equal(served.match(/\.enter\(/g)?.length, 1, 'the optimized dependency is rewritten once');
});

const fromRepo = (path) => here(`../${path}`);

/** A package as installed: its dist and package.json. */
function copyPackage(name, to) {
  cpSync(join(packageDir(name), 'dist'), join(to, 'dist'), { recursive: true });
  cpSync(join(packageDir(name), 'package.json'), join(to, 'package.json'));
}
const copyAnyctx = (to) => copyPackage('anyctx', to);

/** The build tools the dev server needs: anyctx-build installed, its dependencies linked from
 * this repository. */
function linkBuildTools(modules) {
  copyPackage('anyctx-build', join(modules, 'anyctx-build'));
  for (const name of ['vite', 'unplugin', 'oxc-parser', 'oxc-transform', 'magic-string', '@jridgewell', '@oxc-parser', '@oxc-transform']) {
    if (existsSync(fromRepo(`node_modules/${name}`))) symlinkSync(fromRepo(`node_modules/${name}`), join(modules, name));
  }
}

function writeApp(app, main) {
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'vite-dev-app', type: 'module' }));
  writeFileSync(join(app, 'index.html'), '<!doctype html><script type="module" src="/main.js"></script>');
  cpSync(main, join(app, 'main.js'));
}

/**
 * Serves `app` with the app's own copy of Vite and of the plugin, as its config would import
 * them, loads it in Chromium until it logs `lastLine` (or fails), and returns what it logged,
 * and the text of the first script it loaded that matches `servedUrl`.
 */
async function logOfViteDevServer(app, lastLine, servedUrl) {
  const modules = join(app, 'node_modules');
  const [{ createServer }, { default: plugin }] = await Promise.all([
    import(join(modules, 'vite', 'dist', 'node', 'index.js')),
    import(join(modules, 'anyctx-build', 'dist', 'vite.js')),
  ]);
  const vite = await createServer({ configFile: false, root: app, logLevel: 'silent', plugins: [plugin()], server: { host: '127.0.0.1', port: 0, ws: false } });
  await vite.listen();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: BROWSERS.chromium, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    const lines = [];
    const errors = [];
    let served;
    page.on('console', (message) => { if (message.type() === 'log') lines.push(message.text()); });
    page.on('pageerror', (error) => errors.push(error.message));
    if (servedUrl) page.on('response', async (response) => { if (served === undefined && servedUrl.test(response.url())) served = await response.text(); });
    await page.goto(vite.resolvedUrls.local[0]);
    const deadline = Date.now() + 60_000;
    while ((!lines.includes(lastLine) || (servedUrl && served === undefined)) && errors.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    return { lines, errors, served };
  } finally {
    await browser.close();
    await vite.close();
  }
}
