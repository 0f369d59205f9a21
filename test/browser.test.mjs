// Real browsers: the web task sources (test/browser/scenarios.mjs), a Web Worker and a real
// click, in a page bundled with esbuild and asyncctx's esbuild plugin for the browser
// (test/browser/web-page.mjs). Chromium is driven by playwright-core; Firefox ESR cannot be
// (Playwright needs its own patched Firefox), so it loads the page headless and the page
// posts its results to our server. Chromium also runs OpenTelemetry's context manager,
// bundled with the plugin (test/fixtures/opentelemetry-app).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWebPage, serveWebPage, wrongResults } from './browser/web-page.mjs';
import { BROWSERS, launchHeadless } from './browser/launch.mjs';
import { ORACLE } from './engines.mjs';

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
  out = mkdtempSync(join(tmpdir(), 'asyncctx-browser-'));
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
    await page.waitForFunction(() => globalThis.asyncctxResults !== undefined, undefined, { timeout: 30_000 });
    assert.deepEqual(wrongResults(await page.evaluate(() => globalThis.asyncctxResults)), []);
    assert.deepEqual(errors, []);

    // Other code enters a store at the top level of a task; the user's click that follows is
    // the platform's own event and must not see it.
    for (const store of ['stale-1', 'stale-2']) {
      const during = await page.evaluate((s) => { globalThis.asyncctxPage.enterWithAtTopLevel(s); return globalThis.asyncctxPage.storeNow(); }, store);
      assert.equal(during, store, 'enterWith took effect in its own task');
      await page.click('#target');
    }
    assert.deepEqual(await page.evaluate(() => globalThis.asyncctxPage.clicks), ['<empty>', '<empty>']);
  } finally {
    await browser.close();
  }
});

test('Firefox ESR: every web task source and a worker, results posted by the page', { timeout: 90_000 }, async (t) => {
  if (!available.firefox) return t.skip(`${BROWSERS.firefox} is missing and could not be installed`);
  const profile = mkdtempSync(join(out, 'firefox-profile-'));
  const arrived = server.nextPost();
  const firefox = launchHeadless('firefox', server.url, profile);
  try {
    const timeout = new Promise((resolve) => setTimeout(() => resolve('no results within 60 s'), 60_000).unref());
    const outcome = await Promise.race([arrived.then(() => 'posted'), firefox.exited, timeout]);
    assert.equal(outcome, 'posted');
    // Firefox ESR has no gc() for pages and may lack scheduler.postTask.
    const mayLack = new Set(['FinalizationRegistry: frame of construction', 'scheduler.postTask: frame of the call']);
    assert.deepEqual(wrongResults(await arrived, mayLack), []);
  } finally {
    firefox.kill();
  }
});

// A library written for Node in a real browser: OpenTelemetry's context manager takes
// AsyncLocalStorage from node:async_hooks, which the plugin resolves to asyncctx. The page
// logs what native Node 24 logs for the same program.
test("Chromium: OpenTelemetry's AsyncLocalStorageContextManager, bundled with the plugin, logs what native Node 24 logs", { timeout: 90_000 }, async (t) => {
  if (!available.chromium) return t.skip(`${BROWSERS.chromium} is missing and could not be installed`);
  const app = here('fixtures/opentelemetry-app/main.mjs');
  const expected = execFileSync(ORACLE.node, [...ORACLE.args, app], { encoding: 'utf8' }).trimEnd().split('\n');
  const [{ build }, { default: plugin }] = await Promise.all([import('esbuild'), import('asyncctx/esbuild')]);
  const bundle = await build({
    entryPoints: [app], bundle: true, write: false, platform: 'browser', format: 'esm', logLevel: 'silent',
    plugins: [plugin({ runtime: here('../dist/portable.browser.js') })],
  });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: BROWSERS.chromium, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    const lines = [];
    const errors = [];
    page.on('console', (message) => lines.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setContent('<!doctype html><title>OpenTelemetry</title>');
    await page.addScriptTag({ type: 'module', content: bundle.outputFiles[0].text });
    const last = expected.at(-1);
    const deadline = Date.now() + 30_000;
    while (!lines.includes(last) && errors.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(errors, []);
    assert.deepEqual(lines, expected);
  } finally {
    await browser.close();
  }
});
