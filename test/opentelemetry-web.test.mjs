// OpenTelemetry web tracing on anyctx/opentelemetry, as an app does it: WebTracerProvider
// registered with AnyctxContextManager, the fetch, XMLHttpRequest and document-load
// instrumentations, and a click handler that awaits fetch twice, a timer, an XMLHttpRequest
// and a nested async function, each with a span (test/fixtures/otel-web-app). Built by each
// bundler with the plugin's default options, and served by Vite's dev server; clicked twice
// in a row in Chromium (a real click) and in Firefox ESR (the page clicks itself: Playwright
// cannot drive Debian's Firefox). Every span must have its parent, and the two clicks'
// spans never mix (test/browser/traced-app.mjs). Built without the plugin, the same app
// loses the context after the first await: the checks can fail. With anyctx's user-interaction
// instrumentation (main-interaction.js), each click's interaction span must outlast its work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROWSERS } from './browser/launch.mjs';
import { buildTracedApp, checkSpans, failedChecks, serveTracedApp, spansInChromium as inChromium, spansInFirefox as inFirefox, tracedAppApi } from './browser/traced-app.mjs';
import { bundlers } from './support/bundlers.mjs';
import { repoRoot } from './support/packages.mjs';

const app = fileURLToPath(new URL('fixtures/otel-web-app/', import.meta.url));

let out;
let chromium;
let available = { chromium: false, firefox: false };

before(async () => {
  try {
    execFileSync('sh', [join(repoRoot, 'scripts/ensure-browsers.sh')], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 150_000 });
  } catch {
    // Whatever is there is used; the rest is skipped with a message.
  }
  available = { chromium: existsSync(BROWSERS.chromium), firefox: existsSync(BROWSERS.firefox) };
  out = mkdtempSync(join(tmpdir(), 'anyctx-otel-web-'));
  if (available.chromium) {
    const { chromium: playwright } = await import('playwright-core');
    chromium = await playwright.launch({ executablePath: BROWSERS.chromium, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  }
});

const spansInChromium = (url, posted) => inChromium(chromium, url, posted);
const spansInFirefox = (url, posted) => inFirefox(url, posted, mkdtempSync(join(out, 'firefox-profile-')));

after(async () => {
  await chromium?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

for (const bundler of Object.keys(bundlers)) {
  test(`${bundler}, default options: every span has its parent, two clicks never mix, in Chromium and Firefox ESR`, { timeout: 240_000 }, async (t) => {
    const server = await serveTracedApp(await buildTracedApp(bundler, out));
    try {
      if (available.chromium) assert.deepEqual(failedChecks(checkSpans(await spansInChromium(server.url, server.nextPost()))), [], 'Chromium');
      else t.diagnostic(`${BROWSERS.chromium} is missing and could not be installed`);
      if (available.firefox) assert.deepEqual(failedChecks(checkSpans(await spansInFirefox(server.url, server.nextPost()))), [], 'Firefox ESR');
      else t.diagnostic(`${BROWSERS.firefox} is missing and could not be installed`);
    } finally {
      server.close();
    }
  });
}

test('without the plugin, native awaits lose the context: the checks fail', { timeout: 120_000 }, async (t) => {
  if (!available.chromium) return t.skip(`${BROWSERS.chromium} is missing and could not be installed`);
  const server = await serveTracedApp(await buildTracedApp('esbuild', out, { plugin: false }));
  try {
    const failed = failedChecks(checkSpans(await spansInChromium(server.url, server.nextPost())));
    assert.ok(failed.some((line) => line.startsWith('fetch after an await')), failed.join('\n'));
  } finally {
    server.close();
  }
});

test("Vite's dev server with the plugin: every span has its parent, in Chromium and Firefox ESR", { timeout: 180_000 }, async (t) => {
  const [{ createServer }, { default: anyctx }] = await Promise.all([import('vite'), import('anyctx-build/vite')]);
  const waiters = [];
  const api = tracedAppApi((spans) => waiters.splice(0).forEach((wake) => wake(spans)));
  const root = mkdtempSync(join(out, 'vite-dev-'));
  writeFileSync(join(root, 'index.html'), `<!doctype html><meta charset=utf-8><title>traced app</title><body><script type=module src="/@fs${join(app, 'main-anyctx.js')}"></script>`);
  const vite = await createServer({
    configFile: false, root, logLevel: 'silent', cacheDir: join(root, '.vite'),
    plugins: [anyctx(), { name: 'traced-app-api', configureServer: (server) => void server.middlewares.use(api) }],
    server: { host: '127.0.0.1', port: 0, ws: false, fs: { allow: [repoRoot, root] } },
  });
  await vite.listen();
  const posted = () => new Promise((resolve) => waiters.push(resolve));
  try {
    if (available.chromium) assert.deepEqual(failedChecks(checkSpans(await spansInChromium(vite.resolvedUrls.local[0], posted()))), [], 'Chromium');
    else t.diagnostic(`${BROWSERS.chromium} is missing and could not be installed`);
    if (available.firefox) assert.deepEqual(failedChecks(checkSpans(await spansInFirefox(vite.resolvedUrls.local[0], posted()))), [], 'Firefox ESR');
    else t.diagnostic(`${BROWSERS.firefox} is missing and could not be installed`);
  } finally {
    await vite.close();
  }
});

test("anyctx's user-interaction spans (esbuild, default options): each click's span lasts until its work is done, two clicks tracked apart, in Chromium and Firefox ESR", { timeout: 180_000 }, async (t) => {
  const server = await serveTracedApp(await buildTracedApp('esbuild', out, { main: 'main-interaction.js' }));
  try {
    if (available.chromium) assert.deepEqual(failedChecks(checkSpans(await spansInChromium(server.url, server.nextPost()), { interaction: true })), [], 'Chromium');
    else t.diagnostic(`${BROWSERS.chromium} is missing and could not be installed`);
    if (available.firefox) assert.deepEqual(failedChecks(checkSpans(await spansInFirefox(server.url, server.nextPost()), { interaction: true })), [], 'Firefox ESR');
    else t.diagnostic(`${BROWSERS.firefox} is missing and could not be installed`);
  } finally {
    server.close();
  }
});
