// The task tracker in real browsers: the programs of fixtures/tracker/programs.mjs that run
// there, in a page bundled by esbuild with anyctx's plugin (default options), against the
// same programs under zone.js with its fetch plugin (the same busy/idle transitions where
// zone.js can follow the program; what the program states where it uses native `await`),
// in Chromium and Firefox ESR; and anyctx/opentelemetry/user-interaction case by case
// (test/browser/user-interaction-page.mjs). Each page posts its results to our server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROWSERS, launchHeadless } from './browser/launch.mjs';
import { repoRoot, unlessBuilt } from './support/packages.mjs';
import { programs } from './fixtures/tracker/programs.mjs';
import { shape } from './fixtures/tracker/harness-core.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const skip = unlessBuilt('anyctx/tracker.js', 'anyctx-build/esbuild.js');
const BUDGET = 60_000;

let available = { chromium: false, firefox: false };
let server;
let out;
let chromium;

/**
 * The pages, bundled: /tracker.js (with anyctx's plugin), /zone.js (without), and
 * /interaction.js (anyctx/opentelemetry/user-interaction, with the plugin).
 */
async function buildPages() {
  const [{ build }, { default: plugin }] = await Promise.all([import('esbuild'), import('anyctx-build/esbuild')]);
  const common = { bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent', outdir: '/' };
  const tracked = await build({ ...common, entryPoints: { tracker: here('browser/tracker-page.mjs') }, plugins: [plugin()] });
  const zone = await build({ ...common, entryPoints: { zone: here('browser/tracker-zone-page.mjs') } });
  const interaction = await build({ ...common, entryPoints: { interaction: here('browser/user-interaction-page.mjs') }, plugins: [plugin()] });
  const files = new Map([...tracked.outputFiles, ...zone.outputFiles, ...interaction.outputFiles].map((file) => [file.path, file.contents]));
  for (const page of ['tracker', 'zone', 'interaction']) {
    files.set(`/${page}.html`, Buffer.from(`<!doctype html><meta charset=utf-8><title>${page}</title><script type=module src=/${page}.js></script>`));
  }
  return files;
}

/** Serves the pages and the programs' API on a loopback port; `nextPost()`: the next results. */
async function serve(files) {
  const waiters = [];
  const http = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/results' && request.method === 'POST') {
        waiters.splice(0).forEach((wake) => wake(JSON.parse(Buffer.concat(chunks).toString())));
        return response.end();
      }
      if (request.url === '/api/slow') return setTimeout(() => response.end('slow'), 30);
      if (request.url === '/api/slow-body') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.write('slow ');
        return setTimeout(() => response.end('body'), 30);
      }
      const file = files.get(request.url);
      if (file === undefined) return response.writeHead(404).end();
      response.writeHead(200, { 'content-type': request.url.endsWith('.html') ? 'text/html' : 'text/javascript' }).end(file);
    });
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: (page) => `http://127.0.0.1:${http.address().port}/${page}.html`,
    nextPost: () => new Promise((resolve) => waiters.push(resolve)),
    close: () => http.close(),
  };
}

before(async () => {
  if (skip) return;
  try {
    execFileSync('sh', [join(repoRoot, 'scripts/ensure-browsers.sh')], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 150_000 });
  } catch {
    // Whatever is there is used; the rest is skipped with a message.
  }
  available = { chromium: existsSync(BROWSERS.chromium), firefox: existsSync(BROWSERS.firefox) };
  out = mkdtempSync(join(tmpdir(), 'anyctx-tracker-web-'));
  server = await serve(await buildPages());
  if (available.chromium) {
    const { chromium: playwright } = await import('playwright-core');
    chromium = await playwright.launch({ executablePath: BROWSERS.chromium, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  }
});

after(async () => {
  await chromium?.close();
  server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

const within = (promise, what) => Promise.race([
  promise,
  new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no results within ${BUDGET / 1000} s`)), BUDGET).unref()),
]);

async function inChromium(page) {
  const tab = await chromium.newPage();
  try {
    const errors = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    const posted = server.nextPost();
    await tab.goto(server.url(page));
    const results = await within(posted, `Chromium, ${page}`);
    assert.deepEqual(errors, [], 'the page threw');
    return results;
  } finally {
    await tab.close();
  }
}

async function inFirefox(page) {
  const posted = server.nextPost();
  const firefox = launchHeadless('firefox', server.url(page), mkdtempSync(join(out, 'firefox-profile-')));
  try {
    return await within(Promise.race([posted, firefox.exited.then((how) => Promise.reject(new Error(how)))]), `Firefox ESR, ${page}`);
  } finally {
    firefox.kill();
  }
}

for (const [browser, run] of [['Chromium', inChromium], ['Firefox ESR', inFirefox]]) {
  test(`${browser}: the tracker reports zone.js's transitions, and follows native await`, { skip, timeout: 180_000 }, async (t) => {
    const key = browser === 'Chromium' ? 'chromium' : 'firefox';
    if (!available[key]) return t.skip(`${BROWSERS[key]} is missing and could not be installed`);
    const zone = await run('zone');
    const tracked = await run('tracker');
    const compared = Object.entries(programs).filter(([, program]) => !program.node);
    assert.deepEqual(Object.keys(tracked).sort(), compared.map(([name]) => name).sort());
    for (const [name, program] of compared) {
      if (program.zone) {
        assert.ok(Object.keys(zone[name].transitions).length > 0, `${name}: zone.js reported transitions`);
        assert.deepEqual(tracked[name].lines, zone[name].lines, name);
        assert.deepEqual(shape(tracked[name].transitions), shape(zone[name].transitions), name);
      }
      if (program.expect) assert.deepEqual(tracked[name].transitions, program.expect, name);
    }
  });
}

for (const [browser, run] of [['Chromium', inChromium], ['Firefox ESR', inFirefox]]) {
  test(`${browser}: user-interaction spans: attributes, the work covered, prevented spans, intervals, disable()`, { skip, timeout: 120_000 }, async (t) => {
    const key = browser === 'Chromium' ? 'chromium' : 'firefox';
    if (!available[key]) return t.skip(`${BROWSERS[key]} is missing and could not be installed`);
    const results = await run('interaction');
    const [span, ...others] = results.work.spans;
    assert.deepEqual(others, [], 'one span for the click, whatever listens');
    assert.deepEqual([span.name, span.element, span.xpath], ['click', 'BUTTON', '//*[@id="work"]']);
    assert.ok(span.ms >= 45, `the span covers the 50 ms timer: ${span.ms} ms`);
    assert.deepEqual([results.work.activeInListener, results.work.windowSawSpan], [true, true], 'the span is active in the listeners, the window\'s included');
    assert.equal(results.prevented, 0, 'a prevented span is not exported');
    assert.deepEqual(results.interval, ['click'], 'an interval does not keep the span open');
    assert.deepEqual(results.disabled, { calls: 0, spans: 0 }, 'removed after disable()');
  });
}
