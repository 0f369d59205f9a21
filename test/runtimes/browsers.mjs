// Chromium and Firefox ESR (Debian's packages, headless): the corpus bundled by Vite with
// anyctx's Vite plugin, as a web app would be, one page per scenario. Pages run one after
// another in one browser: browser-prelude.js gives each page a `process` and Node's exit,
// posts what the scenario printed to a server on 127.0.0.1 and loads the next page. No
// driver is needed (Playwright cannot drive Debian's Firefox), so both browsers run alike.
// The web task sources (test/browser/web-page.mjs) add the 'web' group.
import { build as esbuild } from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { root } from './bundle.mjs';
import { BROWSERS, launchHeadless } from '../browser/launch.mjs';
import { buildWebPage, expected as webExpected, serveWebPage } from '../browser/web-page.mjs';
import { runProcess } from './run-process.mjs';
import { built } from '../support/packages.mjs';

const here = join(root, 'test', 'runtimes');
const require = createRequire(import.meta.url);
const BATCH_TIMEOUT_MS = 300_000;
const WEB_TIMEOUT_MS = 60_000;

// What a page lacks that Node scenarios use; such scenarios are not applicable (n/a).
const browserLacks = ['process.nextTick', 'setImmediate', 'Node timer handles', 'Node MessagePort events', 'Node process', 'events.EventEmitterAsyncResource', 'garbage collection on demand', 'uncaught exception capture'];

/** One Vite build of every scenario (an input each), with the anyctx plugin and the
 * stand-ins for the node: modules the corpus's output helpers use. */
async function buildPages(scenarios, outDir) {
  const [{ build }, { default: anyctxVite }] = await Promise.all([import('vite'), import('anyctx-build/vite')]);
  // The build a browser app gets (the `browser` export condition).
  const portable = built('anyctx', 'portable.browser.js');
  const input = Object.fromEntries(scenarios.map((scenario, i) => [`s${i}`, scenario.path]));
  await build({
    configFile: false,
    root: outDir,
    logLevel: 'silent',
    plugins: [anyctxVite({ runtime: portable })],
    resolve: {
      alias: [
        { find: /^#ctx$/, replacement: join(root, 'test', 'ctx', 'portable.mjs') },
        { find: /^anyctx\/portable$/, replacement: portable },
        { find: /^node:fs$/, replacement: join(here, 'quickjs-fs.js') },
        { find: /^node:util$/, replacement: join(here, 'quickjs-util.js') },
        { find: /^node:events$/, replacement: require.resolve('events/') },
      ],
    },
    build: {
      outDir: join(outDir, 'pages'),
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      modulePreload: false,
      reportCompressedSize: false,
      rollupOptions: { input, output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' } },
    },
  });
  await esbuild({
    entryPoints: [join(here, 'browser-prelude.js')],
    outfile: join(outDir, 'pages', 'prelude.js'),
    bundle: true,
    format: 'iife',
    target: 'es2022',
    logLevel: 'silent',
    alias: { events: require.resolve('events/') },
  });
}

const contentTypes = { '.js': 'text/javascript', '.html': 'text/html' };

/** Serves the pages and collects the posted results; `done` resolves when the last arrives. */
async function serve(pagesDir, count) {
  const results = new Array(count);
  let received = 0;
  let finishAll;
  const done = new Promise((resolve) => (finishAll = resolve));
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url, 'http://localhost');
      const posted = /^\/result\/(\d+)$/.exec(url.pathname);
      if (posted && request.method === 'POST') {
        const index = Number(posted[1]);
        const body = JSON.parse(Buffer.concat(chunks).toString());
        // The page sends the bytes it printed as Latin-1 code units.
        const decode = (text) => Buffer.from(text, 'latin1').toString('utf8');
        if (results[index] === undefined) {
          results[index] = { exitCode: body.exitCode, stdout: decode(body.stdout), stderr: decode(body.stderr) };
          received += 1;
        }
        response.end(index + 1 < count ? `/run/${index + 1}` : '');
        if (received === count) finishAll();
        return;
      }
      const page = /^\/run\/(\d+)$/.exec(url.pathname);
      if (page) {
        response.writeHead(200, { 'content-type': 'text/html' });
        return response.end(`<!doctype html><meta charset=utf-8><script src=/prelude.js></script><script type=module src=/s${page[1]}.js></script>`);
      }
      const file = join(pagesDir, url.pathname);
      if (!file.startsWith(pagesDir) || !existsSync(file)) return response.writeHead(404).end();
      response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' });
      response.end(readFileSync(file));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, results, done, close: () => server.close() };
}

/** Runs `scenarios` (each { id, path }) in one browser; id → { exitCode, stdout, stderr }. */
async function runBatch(browser, scenarios) {
  const dir = mkdtempSync(join(tmpdir(), `anyctx-${browser.name}-`));
  try {
    await buildPages(scenarios, dir);
    const server = await serve(join(dir, 'pages'), scenarios.length);
    const profile = join(dir, 'profile');
    mkdirSync(profile);
    const process_ = launchHeadless(browser.name, `${server.origin}/run/0`, profile);
    const timedOut = new Promise((resolve) => setTimeout(resolve, BATCH_TIMEOUT_MS, 'timeout').unref());
    const outcome = await Promise.race([server.done.then(() => 'done'), process_.exited, timedOut]);
    process_.kill();
    server.close();
    return new Map(
      scenarios.map((scenario, i) => [
        scenario.id,
        server.results[i] ?? { exitCode: `no result (${browser.name} ${outcome})`, stdout: '', stderr: '' },
      ]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The web task source page (test/browser/): name → what each scenario recorded, or
 * { error } when the page posted nothing. */
async function runWebPage(browser) {
  const dir = mkdtempSync(join(tmpdir(), `anyctx-${browser.name}-web-`));
  const server = await serveWebPage(await buildWebPage());
  const arrived = server.nextPost();
  const process_ = launchHeadless(browser.name, server.url, dir);
  try {
    const timedOut = new Promise((resolve) => setTimeout(resolve, WEB_TIMEOUT_MS, `no results within ${WEB_TIMEOUT_MS / 1000} s`).unref());
    const outcome = await Promise.race([arrived, process_.exited, timedOut]);
    return typeof outcome === 'string' ? { error: outcome } : outcome;
  } finally {
    process_.kill();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The web scenarios as matrix results (group 'web'): a source the browser lacks is n/a. As
 * for the corpus, a failure that does not repeat on a second page load passes on the second run. */
async function webResults(browser) {
  const load = () => runWebPage(browser).catch((error) => ({ error: `web page: ${String(error.message).split('\n')[0]}` }));
  const judge = (recorded, name, store) => {
    const id = `web/${name}`;
    const got = recorded.error ? undefined : recorded[name];
    if (got === store) return { id, group: 'web', status: 'pass' };
    if (got === 'missing') return { id, group: 'web', status: 'n/a', reason: `needs ${name.split(':')[0]}` };
    return { id, group: 'web', status: 'fail', reason: recorded.error ?? `got ${JSON.stringify(got)}, expected ${JSON.stringify(store)}` };
  };
  const first = await load();
  const results = Object.entries(webExpected).map(([name, store]) => judge(first, name, store));
  if (results.some((result) => result.status === 'fail')) {
    const second = await load();
    Object.entries(webExpected).forEach(([name, store], i) => {
      if (results[i].status !== 'fail') return;
      const again = judge(second, name, store);
      if (again.status === 'pass') results[i] = { ...again, secondRun: results[i].reason };
    });
  }
  return results;
}

function browserRuntime(name, binary, label) {
  const runtime = {
    name,
    binary,
    engines: ['portable'],
    lacks: browserLacks,
    note: `${label}, headless; the corpus bundled by Vite with anyctx-build/vite, one page per scenario; 'exit' when no timer is pending`,
    available: async () => existsSync(binary),
    version: async () => {
      const { stdout } = await runProcess(binary, ['--version']);
      return stdout.trim().split('\n').pop().replace(/^Mozilla /, '').replace(/ built on .*/, '');
    },
    runBatch: (scenarios) => runBatch(runtime, scenarios),
    webResults: () => webResults(runtime),
  };
  return runtime;
}

export const chromium = browserRuntime('chromium', BROWSERS.chromium, "Debian's chromium");
export const firefox = browserRuntime('firefox', BROWSERS.firefox, "Debian's firefox-esr");
