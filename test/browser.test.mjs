// Real browsers: the web task sources (test/browser/scenarios.mjs), a Web Worker and a real
// click, in a page bundled with esbuild and asyncctx's esbuild plugin for the browser. Chromium
// is driven by playwright-core; Firefox ESR cannot be (Playwright needs its own patched
// Firefox), so it loads the page headless and the page posts its results to our server.
// Expected stores come from SEMANTICS §2: these sources do not exist in Node.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const FIREFOX = '/usr/bin/firefox-esr';

const expected = {
  'requestAnimationFrame: frame of the request': 'raf',
  'requestIdleCallback: frame of the request': 'idle',
  'scheduler.postTask: frame of the call': 'post-task',
  'XMLHttpRequest: events in the frame of send(), whoever added the listeners': 'upload:send onload:send onload property:true loadend:send',
  'XMLHttpRequest: a dispatched event runs in the dispatcher\'s frame': 'dispatch',
  'FileReader: events in the frame of readAsText()': 'true:read',
  'IndexedDB: request and transaction events in the frame that made them': 'upgradeneeded:open open success:open put success:put complete:transaction',
  'MutationObserver: frame of construction': 'true:construct',
  'ResizeObserver: frame of construction': 'construct',
  'IntersectionObserver: frame of construction': 'construct',
  'PerformanceObserver: frame of construction': 'construct',
  'unhandledrejection: frame of the rejection': 'listener:reject property:reject',
  'FinalizationRegistry: frame of construction': 'construct',
  'EventTarget: dispatcher\'s frame; once, signal, handleEvent and removal unchanged':
    'listener:dispatch-1 once:dispatch-1 handleEvent:dispatch-1 listener:dispatch-2 handleEvent:dispatch-2',
  'await in a transformed async function': 'await',
  'Web Worker: the engine inside a worker': 'timeout:timeout await:await read:read unhandledrejection:reject',
};

let available = { chromium: false, firefox: false };
let server;
let origin;
let out;
const files = new Map();
const posted = [];
const postWaiters = [];

before(async () => {
  // Installs the browsers with apt when they are missing and we may (root).
  try {
    execFileSync('sh', [here('../scripts/ensure-browsers.sh')], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 150_000 });
  } catch {
    // Whatever is there is used; the rest is skipped with a message.
  }
  available = { chromium: existsSync(CHROMIUM), firefox: existsSync(FIREFOX) };

  out = mkdtempSync(join(tmpdir(), 'asyncctx-browser-'));
  const [{ build }, { default: plugin }] = await Promise.all([import('esbuild'), import('asyncctx/esbuild')]);
  const result = await build({
    entryPoints: { page: here('browser/page.mjs'), worker: here('browser/worker.mjs') },
    outdir: out, bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent',
    plugins: [plugin({ runtime: here('../dist/portable.browser.js') })],
  });
  for (const file of result.outputFiles) files.set(`/${file.path.slice(out.length + 1)}`, file.contents);
  files.set('/page.html', Buffer.from('<!doctype html><meta charset=utf-8><title>asyncctx</title><button id=target>click</button><script type=module src=/page.js></script>'));

  server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      if (request.url === '/results' && request.method === 'POST') {
        posted.push(JSON.parse(body.toString()));
        postWaiters.splice(0).forEach((wake) => wake());
        return response.end();
      }
      if (request.url === '/echo') return response.end(body);
      const file = files.get(request.url);
      if (file === undefined) return response.writeHead(404).end();
      const type = request.url.endsWith('.html') ? 'text/html' : 'text/javascript';
      response.writeHead(200, { 'content-type': type }).end(file);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
});

after(() => {
  server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

/** Each scenario's result must be the expected store, or 'missing' where the browser may lack the API. */
function assertResults(results, mayLack) {
  const wrong = [];
  for (const [name, store] of Object.entries(expected)) {
    const got = results[name];
    if (got === store || (got === 'missing' && mayLack.has(name))) continue;
    wrong.push(`${name}: expected ${JSON.stringify(store)}, got ${JSON.stringify(got)}`);
  }
  assert.deepEqual(wrong, []);
}

test('Chromium: every web task source, a worker, and a real click', { timeout: 90_000 }, async (t) => {
  if (!available.chromium) return t.skip(`${CHROMIUM} is missing and could not be installed`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--js-flags=--expose-gc'],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/page.html`);
    await page.waitForFunction(() => globalThis.asyncctxResults !== undefined, undefined, { timeout: 30_000 });
    assertResults(await page.evaluate(() => globalThis.asyncctxResults), new Set());
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
  if (!available.firefox) return t.skip(`${FIREFOX} is missing and could not be installed`);
  const profile = join(out, 'firefox-profile');
  execFileSync('mkdir', ['-p', profile]);
  writeFileSync(join(profile, 'user.js'), [
    'user_pref("browser.shell.checkDefaultBrowser", false);',
    'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
    'user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);',
    'user_pref("browser.aboutwelcome.enabled", false);',
    'user_pref("app.update.enabled", false);',
    'user_pref("network.proxy.type", 0);',
  ].join('\n'));
  const count = posted.length;
  const arrived = new Promise((resolve) => postWaiters.push(resolve));
  const firefox = spawn(FIREFOX, ['--headless', '--no-remote', '--profile', profile, `${origin}/page.html`], {
    stdio: 'ignore', detached: true, env: { ...process.env, MOZ_HEADLESS: '1' },
  });
  const exited = new Promise((resolve) => firefox.on('exit', (code) => resolve(`firefox exited with ${code}`)));
  try {
    const timeout = new Promise((resolve) => setTimeout(() => resolve('no results within 60 s'), 60_000).unref());
    const outcome = await Promise.race([arrived.then(() => 'posted'), exited, timeout]);
    assert.equal(outcome, 'posted');
    // Firefox ESR has no gc() for pages and may lack scheduler.postTask.
    assertResults(posted[count], new Set(['FinalizationRegistry: frame of construction', 'scheduler.postTask: frame of the call']));
  } finally {
    try { process.kill(-firefox.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
});
