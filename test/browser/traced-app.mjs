// The traced web app (test/fixtures/otel-web-app): its server, and what its spans must be.
// Every span the app makes has one right parent, by name: the checks below, each named for
// the table that compares context managers (scripts/opentelemetry-table.mjs).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchHeadless } from './launch.mjs';
import { bundlers } from '../support/bundlers.mjs';
import { repoRoot } from '../support/packages.mjs';

const app = fileURLToPath(new URL('../fixtures/otel-web-app/', import.meta.url));
/** How long a page has to post its spans. */
const BUDGET = 60_000;

export const CLICKS = 2;

/**
 * What each click's spans are checked for: [check, how to find the span, its parent's name].
 * `interaction`: the app has anyctx's user-interaction spans, each the click handler's parent.
 */
function clickChecks(n, interaction) {
  const fetchOf = (path) => (span) => span.url !== undefined && new URL(span.url).pathname === path && new URL(span.url).search === `?click=${n}` && !span.name.startsWith('after');
  return [
    interaction
      ? ["the click handler span is in the interaction's", (span) => span.name === `click ${n}`, 'click']
      : ['the click handler span is a root', (span) => span.name === `click ${n}`, undefined],
    ['fetch before the first await', fetchOf('/api/first'), `click ${n}`],
    ['fetch after an await', fetchOf('/api/second'), `click ${n}`],
    ['span in a timer callback', (span) => span.name === `timer ${n}`, `click ${n}`],
    ['XMLHttpRequest after awaits', fetchOf('/api/xhr'), `click ${n}`],
    ['nested async function span', (span) => span.name === `nested ${n}`, `click ${n}`],
    ['fetch in the nested function', fetchOf('/api/nested'), `nested ${n}`],
    ['span after the nested await', (span) => span.name === `after nested fetch ${n}`, `nested ${n}`],
    ['span after everything', (span) => span.name === `end ${n}`, `click ${n}`],
  ];
}

/**
 * Every check, and whether the spans pass it for every click: { check: 'ok' | what is wrong }.
 * A span found twice, not at all, or under another parent (another click's included) fails.
 */
export function checkSpans(spans, { interaction = false } = {}) {
  const byId = new Map(spans.map((span) => [span.id, span]));
  const parentName = (span) => (span.parent === undefined ? undefined : byId.get(span.parent)?.name ?? `unknown ${span.parent}`);
  const results = {};
  for (let n = 1; n <= CLICKS; n++) {
    for (const [check, find, parent] of clickChecks(n, interaction)) {
      const found = spans.filter(find);
      let outcome = 'ok';
      if (found.length !== 1) outcome = `click ${n}: ${found.length} spans`;
      else if (parentName(found[0]) !== parent) outcome = `click ${n}: parent ${parentName(found[0]) ?? 'none'}, expected ${parent ?? 'none'}`;
      if (results[check] === undefined || results[check] === 'ok') results[check] = outcome;
    }
  }
  if (interaction) Object.assign(results, checkInteractions(spans, byId));
  const load = spans.find((span) => span.name === 'documentLoad');
  const loaded = spans.filter((span) => span.name === 'documentFetch' || span.name === 'resourceFetch');
  results['document load spans'] = load === undefined ? 'no documentLoad span'
    : loaded.every((span) => span.parent === load.id) && loaded.length > 0 ? 'ok' : 'a document-load span is not under documentLoad';
  return results;
}

/**
 * The user-interaction spans: one per click, a root, each the parent of its own click's handler
 * span, and each ending no earlier than every span under it (the fetch spans, the timer's, the
 * XMLHttpRequest's, the nested function's: the interaction lasts until its work is done).
 */
function checkInteractions(spans, byId) {
  const interactions = spans.filter((span) => span.name === 'click');
  const handlerParents = new Set(spans.filter((span) => /^click \d+$/.test(span.name)).map((span) => span.parent));
  const apart = interactions.length === CLICKS && interactions.every((span) => span.parent === undefined) && handlerParents.size === CLICKS
    && [...handlerParents].every((id) => byId.get(id)?.name === 'click');
  const interactionOf = (span) => {
    for (let s = span; s !== undefined; s = byId.get(s.parent)) if (s.name === 'click' && s.parent === undefined) return s;
    return undefined;
  };
  const early = spans.filter((span) => span.name !== 'click' && interactionOf(span) !== undefined && span.end > interactionOf(span).end);
  const covered = interactions.map((span) => spans.filter((other) => other !== span && interactionOf(other) === span).length);
  return {
    'one interaction span per click, tracked apart': apart ? 'ok' : `${interactions.length} interaction spans, handler parents ${[...handlerParents].map((id) => byId.get(id)?.name ?? id).join(', ')}`,
    'an interaction span lasts until its work is done': early.length === 0 && covered.every((count) => count >= 9)
      ? 'ok' : `ended before ${early.map((span) => span.name).join(', ') || 'none'}; spans under each: ${covered.join(', ')}`,
  };
}

/** The checks that failed, as lines. */
export const failedChecks = (results) => Object.entries(results).filter(([, outcome]) => outcome !== 'ok').map(([check, outcome]) => `${check}: ${outcome}`);

/**
 * The app's API, as a connect-style middleware: /api/... answers later for the first click's
 * requests than for the second's, so the clicks interleave; the spans posted to /results go to
 * `onSpans`. Anything else goes to `next`.
 */
export function tracedAppApi(onSpans) {
  return (request, response, next) => {
    const url = new URL(request.url, 'http://localhost');
    if (url.pathname === '/results' && request.method === 'POST') {
      const chunks = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', () => {
        onSpans(JSON.parse(Buffer.concat(chunks).toString()));
        response.end();
      });
      return;
    }
    if (!url.pathname.startsWith('/api/')) return next();
    const delay = url.searchParams.get('click') === '1' ? 40 : 5;
    setTimeout(() => response.writeHead(200, { 'content-type': 'text/plain' }).end(url.search), delay);
  };
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript' };

/**
 * Serves the built app in `dir` and its API on a loopback port; `nextPost()` resolves with the
 * spans the page posts next.
 */
export async function serveTracedApp(dir) {
  const waiters = [];
  const api = tracedAppApi((spans) => waiters.splice(0).forEach((wake) => wake(spans)));
  const server = createServer((request, response) => api(request, response, () => {
    const path = normalize(join(dir, decodeURIComponent(new URL(request.url, 'http://localhost').pathname)));
    const file = path.endsWith(sep) ? join(path, 'index.html') : path;
    if (!file.startsWith(dir) || !existsSync(file)) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  }));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    nextPost: () => new Promise((resolve) => waiters.push(resolve)),
    close: () => server.close(),
  };
}

/**
 * Builds the app's `main` entry (main-anyctx.js or main-zone.js) with `bundler` into a new
 * folder under `out`, with its page; returns the folder. `plugin: false` builds without
 * anyctx's plugin; `target: 'es2016'` compiles async functions down (esbuild).
 */
export async function buildTracedApp(bundler, out, { main = 'main-anyctx.js', plugin = true, target } = {}) {
  const dir = mkdtempSync(join(out, `${bundler}-`));
  const { file, module } = await bundlers[bundler]({ entry: join(app, main), dir, root: repoRoot, plugin, target });
  writeFileSync(join(dir, 'index.html'), `<!doctype html><meta charset=utf-8><title>traced app</title><body><script${module ? ' type=module' : ''} src="/${basename(file)}"></script>`);
  return dir;
}

const within = (promise, what) => Promise.race([
  promise,
  new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no spans within ${BUDGET / 1000} s`)), BUDGET).unref()),
]);

/**
 * Loads `url` in a page of `browser` (Playwright's Chromium), clicks the button CLICKS times
 * in a row, and returns the spans posted (`posted`: the server's next post).
 */
export async function spansInChromium(browser, url, posted) {
  const page = await browser.newPage();
  try {
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await page.waitForFunction(() => globalThis.appReady === true, undefined, { timeout: BUDGET });
    for (let i = 0; i < CLICKS; i++) await page.click('#target', { noWaitAfter: true });
    const spans = await within(posted, 'Chromium');
    assert.deepEqual(errors, [], 'the page threw');
    return spans;
  } finally {
    await page.close();
  }
}

/**
 * Loads `url` in Firefox ESR (no driver: the page clicks for itself) with a fresh `profile`
 * folder, and returns the spans posted.
 */
export async function spansInFirefox(url, posted, profile) {
  const firefox = launchHeadless('firefox', `${url}?autoclick`, profile);
  try {
    return await within(Promise.race([posted, firefox.exited.then((how) => Promise.reject(new Error(how)))]), 'Firefox ESR');
  } finally {
    firefox.kill();
  }
}
