// Every fenced code block of README.md runs as written, against the two packages as `npm pack`
// makes them, installed into a temporary project (with the OpenTelemetry packages and React
// Native's Babel preset from the npm registry; the bundlers are the repository's, linked in).
// README.md stays at most 25 kB.
//
// A block whose first line names a file (`// vite.config.mjs`, `<!-- index.html -->`) is that
// file of the project; every such file is written first. Then:
// - a program (`*.mjs` at the project's top) runs with `node`, or as a shell block says;
// - a bundler's configuration builds the app of `src/main.js` with that bundler, and the
//   bundle, run, must log what the app's comments say (which it does not without the await
//   rewrite); Vite's builds `src/tracing.js` too (OpenTelemetry), a page clicked in Chromium;
// - `build-worker.mjs` builds `src/worker.js`, whose `fetch` then answers two requests at once;
// - `babel.config.cjs` compiles `src/main.js`, which is then bundled as Metro resolves it
//   (the `react-native` condition) and run;
// - a shell block's `npm install` lines must name packages the project has, and its other
//   commands run in the project.
// A block marked `<!-- snippet: partial -->` (deliberately incomplete) is not run, and one
// marked `<!-- snippet: repository -->` (this repository's own commands) must name scripts of
// the root package.json; both are listed in the output. Any other block this test does not
// know how to run fails it, so a new snippet comes with its check.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createServer } from 'node:http';
import { BROWSERS } from './browser/launch.mjs';
import { packageDir, repoRoot, unlessBuilt } from './support/packages.mjs';
import { cleanEnv, runProgram } from './support/run-program.mjs';

const README = join(repoRoot, 'README.md');
const MAX_README_BYTES = 25_000;
const skip = unlessBuilt('anyctx/portable.js', 'anyctx/index.cjs', 'anyctx-build/transform.js', 'anyctx-build/vite.js');
const NPM = join(repoRoot, 'node_modules', 'npm11', 'bin', 'npm-cli.js');
const env = cleanEnv();
const npm = (args, cwd) => execFileSync(process.execPath, [NPM, ...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const repoVersion = (name) => JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')).version;

// What each program and app logs, as the comments beside its console.log say.
const EXPECTED = {
  'main.mjs': 'grace\nreq-1\nada\nreq-1\n',
  'transform.mjs': 'true true\n',
  'tracked.mjs': 'last timer\nidle\ndone\n',
  'app.mjs': "req-1 [ 'a' ]\nreq-2 [ 'a' ]\n",
  'src/main.js': 'req-1\nreq-2\n',
  'src/tracing.js': 'true\ntrue\n', // after two clicks, in a browser
};

// The bundlers, from the repository's node_modules (a user's project has them installed).
const LINKED = ['vite', 'rollup', '@rollup/plugin-node-resolve', 'rolldown', 'esbuild', 'webpack', '@rspack/core'];

/** The fenced blocks of a markdown text: language, body, the file its first line names, the
 * marker right before it, and its line. */
export function fencedBlocks(markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]);
    let before = start - 1;
    while (before >= 0 && lines[before].trim() === '') before--;
    const marker = /^<!-- snippet: (\w+) -->$/.exec(lines[before] ?? '')?.[1];
    const first = body[0] ?? '';
    const name = /^\/\/ (\S+\.(?:m?js|cjs|ts|mts|cts))\b/.exec(first)?.[1] ?? /^<!-- (\S+\.html) -->$/.exec(first)?.[1];
    blocks.push({ lang: open[1], code: `${body.join('\n')}\n`, name, marker, line: start + 1 });
  }
  return blocks;
}

const markdown = readFileSync(README, 'utf8');
const blocks = fencedBlocks(markdown);
const where = (block) => `README.md:${block.line}${block.name ? ` (${block.name})` : ''}`;

test('README.md is at most 25 kB', () => {
  const bytes = Buffer.byteLength(markdown);
  assert.ok(bytes <= MAX_README_BYTES, `README.md is ${bytes} bytes; move reference material to docs/`);
});

test('README.md: the blocks not run are listed', (t) => {
  for (const block of blocks.filter((b) => b.marker)) t.diagnostic(`${block.marker}: ${where(block)} (${block.lang})`);
  for (const block of blocks.filter((b) => b.marker && !['partial', 'repository'].includes(b.marker))) assert.fail(`${where(block)}: unknown marker ${block.marker}`);
});

test("README.md: the repository's commands are its scripts", () => {
  const { scripts } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  for (const block of blocks.filter((b) => b.marker === 'repository')) {
    for (const [, name] of block.code.matchAll(/\bnpm (?:run )?(\w[\w:-]*)/g)) {
      if (name !== 'ci' && name !== 'install') assert.ok(scripts[name], `${where(block)}: npm ${name}`);
    }
  }
});

let work;
let app;
before(() => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'anyctx-readme-'));
  const tarballs = ['anyctx', 'anyctx-build'].map((name) => {
    const [result] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], packageDir(name)));
    return join(work, result.filename);
  });
  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }, null, 2));
  const specs = [
    ...tarballs,
    ...['api', 'sdk-trace-web', 'instrumentation', 'instrumentation-fetch', 'instrumentation-xml-http-request', 'instrumentation-document-load'].map((name) => `@opentelemetry/${name}@${repoVersion(`@opentelemetry/${name}`)}`),
    `@babel/core@${repoVersion('@babel/core')}`,
    '@react-native/babel-preset',
    '@babel/runtime', // a React Native app's dependency, for the preset's helpers
  ];
  // From npm's cache where it has everything, else from the registry.
  try {
    npm(['install', '--offline', ...specs], app);
  } catch {
    npm(['install', '--prefer-offline', ...specs], app);
  }
  for (const name of LINKED) {
    mkdirSync(dirname(join(app, 'node_modules', name)), { recursive: true });
    rmSync(join(app, 'node_modules', name), { recursive: true, force: true });
    symlinkSync(join(repoRoot, 'node_modules', name), join(app, 'node_modules', name), 'junction');
  }
  const written = new Map();
  for (const block of blocks.filter((b) => b.name && !b.marker)) {
    if (written.has(block.name)) assert.equal(block.code, written.get(block.name), `${where(block)}: a second, different ${block.name}`);
    written.set(block.name, block.code);
    mkdirSync(dirname(join(app, block.name)), { recursive: true });
    writeFileSync(join(app, block.name), block.code);
  }
});
after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs a Node program in the project (or in `cwd`), which must exit with 0; returns its stdout. */
async function node(args, { cwd = app } = {}) {
  const run = await runProgram(process.execPath, args, { cwd, timeout: 120_000 });
  assert.equal(run.exitCode, 0, `node ${args.join(' ')}\n${run.stderr}`);
  return run.stdout;
}
const bin = (name, path) => join(app, 'node_modules', name, path);

/** A fresh copy of the project's own files (node_modules linked), for one build. */
function copyOfApp(label) {
  const dir = join(work, label);
  cpSync(app, dir, { recursive: true, filter: (source) => !source.startsWith(join(app, 'node_modules')) && !source.startsWith(join(app, 'dist')) });
  symlinkSync(join(app, 'node_modules'), join(dir, 'node_modules'), 'junction');
  return dir;
}

/** The JavaScript files a build wrote under dist/. */
function builtScripts(dir) {
  return readdirSync(join(dir, 'dist'), { recursive: true }).filter((file) => /\.m?js$/.test(file)).map((file) => join(dir, 'dist', file));
}

/** Runs a browser bundle on Node (a page's `document` stubbed for Vite's module-preload check). */
async function runBundle(dir, file) {
  const stub = join(work, 'document-stub.mjs');
  writeFileSync(stub, "globalThis.document ??= { createElement: () => ({ relList: { supports: () => true } }), querySelectorAll: () => [], head: { appendChild() {} } };\n");
  return node(['--import', stub, file], { cwd: dir });
}

/**
 * Serves the page in `dist` (and an /api/ that answers every request) on a loopback port,
 * clicks `selector` `clicks` times in Chromium, and returns what the page logged by then.
 */
async function clickedInChromium(dist, selector, clicks) {
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://localhost').pathname;
    if (path.startsWith('/api/')) return setTimeout(() => response.end('{}'), 5);
    const file = join(dist, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dist) || !existsSync(file)) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': file.endsWith('.html') ? 'text/html' : 'text/javascript' }).end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: BROWSERS.chromium, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    const lines = [];
    const errors = [];
    page.on('console', (message) => { if (message.type() === 'log') lines.push(message.text()); });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    for (let i = 0; i < clicks; i++) await page.click(selector, { noWaitAfter: true });
    const deadline = Date.now() + 30_000;
    while (lines.length < clicks && errors.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(errors, [], 'the page threw');
    return lines.map((line) => `${line}\n`).join('');
  } finally {
    await browser.close();
    server.close();
  }
}

async function checkApp(dir, expected, label) {
  const [file, ...others] = builtScripts(dir);
  assert.deepEqual(others, [], `${label}: one script in dist/`);
  const code = readFileSync(file, 'utf8');
  assert.doesNotMatch(code, /from\s*["']node:|require\(["']node:/, `${label}: no import of Node's modules is left`);
  assert.equal(await runBundle(dir, file), expected, label);
}

// Each known file, and what runs it.
const BUILDS = {
  async 'vite.config.mjs'() {
    // `npx vite build` (a shell block) built src/main.js; here the tracing app, a page with
    // its button, clicked twice in Chromium.
    const dir = copyOfApp('vite-tracing');
    writeFileSync(join(dir, 'index.html'), '<button id="buy">buy</button><script type="module" src="/src/tracing.js"></script>\n');
    await node([bin('vite', 'bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: dir });
    assert.equal(await clickedInChromium(join(dir, 'dist'), '#buy', 2), EXPECTED['src/tracing.js'], 'vite: src/tracing.js');
  },
  async 'rollup.config.mjs'() {
    const dir = copyOfApp('rollup');
    await node([bin('rollup', 'dist/bin/rollup'), '-c', 'rollup.config.mjs', '--silent'], { cwd: dir });
    await checkApp(dir, EXPECTED['src/main.js'], 'rollup');
  },
  async 'rolldown.config.mjs'() {
    const dir = copyOfApp('rolldown');
    await node([bin('rolldown', 'bin/cli.mjs'), '-c', 'rolldown.config.mjs'], { cwd: dir });
    await checkApp(dir, EXPECTED['src/main.js'], 'rolldown');
  },
  async 'build.mjs'() {
    const dir = copyOfApp('esbuild');
    await node(['build.mjs'], { cwd: dir });
    await checkApp(dir, EXPECTED['src/main.js'], 'esbuild');
  },
  async 'webpack.config.cjs'() {
    const dir = copyOfApp('webpack');
    writeFileSync(join(dir, 'run-webpack.cjs'), `
      require('webpack')(require('./webpack.config.cjs'), (error, stats) => {
        if (error || stats.hasErrors()) { console.error(error ?? stats.toString('errors-only')); process.exitCode = 1; }
      });
    `);
    await node(['run-webpack.cjs'], { cwd: dir });
    await checkApp(dir, EXPECTED['src/main.js'], 'webpack');
  },
  async 'rspack.config.mjs'() {
    const dir = copyOfApp('rspack');
    writeFileSync(join(dir, 'run-rspack.mjs'), `
      import { rspack } from '@rspack/core';
      import config from './rspack.config.mjs';
      rspack(config, (error, stats) => {
        if (error || stats.hasErrors()) { console.error(error ?? stats.toString('errors-only')); process.exitCode = 1; }
      });
    `);
    await node(['run-rspack.mjs'], { cwd: dir });
    await checkApp(dir, EXPECTED['src/main.js'], 'rspack');
  },
  async 'build-worker.mjs'() {
    const dir = copyOfApp('worker');
    await node(['build-worker.mjs'], { cwd: dir });
    const code = readFileSync(join(dir, 'dist', 'worker.js'), 'utf8');
    assert.doesNotMatch(code, /from\s*["']node:/, "no import of Node's modules is left");
    writeFileSync(join(dir, 'serve.mjs'), `
      import worker from './dist/worker.js';
      const ask = (id) => worker.fetch(new Request('https://example.com/', { headers: { 'x-request-id': id } })).then((response) => response.text());
      console.log((await Promise.all([ask('a'), ask('b')])).join(', '));
    `);
    assert.equal(await node(['serve.mjs'], { cwd: dir }), 'request a, request b\n');
  },
  async 'babel.config.cjs'() {
    // As Metro does: Babel compiles each file with the project's config, then the bundle is
    // resolved with the `react-native` condition; the entry imports the engine first.
    const dir = copyOfApp('react-native');
    writeFileSync(join(dir, 'metro-like.cjs'), `
      const babel = require('@babel/core');
      const fs = require('node:fs');
      const { code } = babel.transformFileSync('src/main.js', { cwd: __dirname, filename: 'src/main.js' });
      if (/async function/.test(code) && !/__ac/.test(code)) throw new Error('not rewritten');
      fs.mkdirSync('out');
      fs.writeFileSync('out/main.js', code);
      fs.writeFileSync('out/index.js', "require('anyctx/portable');\\nrequire('./main.js');\\n");
      require('esbuild').buildSync({ entryPoints: ['out/index.js'], bundle: true, platform: 'neutral', format: 'cjs', conditions: ['react-native'], mainFields: ['react-native', 'main'], outfile: 'dist/index.cjs', logLevel: 'error' });
    `);
    await node(['metro-like.cjs'], { cwd: dir });
    assert.equal(await node(['dist/index.cjs'], { cwd: dir }), EXPECTED['src/main.js']);
  },
};
// Files that the builds above read.
const USED_BY_BUILDS = new Set(['src/main.js', 'src/tracing.js', 'src/worker.js', 'index.html']);

const SHELL = [
  // `npm install …`: satisfied by the packed install; the packages must be there.
  {
    pattern: /^npm (?:install|i)\b(.*)$/,
    async run([, rest]) {
      for (const name of rest.trim().split(/\s+/).filter((word) => !word.startsWith('-'))) {
        assert.ok(existsSync(join(app, 'node_modules', name, 'package.json')), `${name} is installed`);
      }
    },
  },
  {
    pattern: /^npx vite build$/,
    async run() {
      const dir = copyOfApp('vite');
      await node([bin('vite', 'bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: dir });
      await checkApp(dir, EXPECTED['src/main.js'], 'vite');
    },
  },
  {
    pattern: /^node (.*)$/,
    async run([, rest]) {
      const args = rest.split(/\s+/);
      const program = args.find((arg) => /\.m?[jt]s$/.test(arg));
      const stdout = await node(args);
      if (EXPECTED[program] !== undefined) assert.equal(stdout, EXPECTED[program], `node ${rest}`);
    },
  },
];

const runByShell = new Set(blocks.filter((b) => b.lang === 'sh' && !b.marker).flatMap((b) => [...b.code.matchAll(/^node .*?(\S+\.m?[jt]s)\b/gm)].map((m) => m[1])));

for (const block of blocks.filter((b) => !b.marker)) {
  test(`${where(block)} runs`, { skip, timeout: 180_000 }, async () => {
    if (block.lang === 'sh') {
      for (const line of block.code.split('\n').map((text) => text.replace(/\s+#.*$/, '').trim()).filter(Boolean)) {
        const command = SHELL.find(({ pattern }) => pattern.test(line));
        assert.ok(command, `${where(block)}: no check for the command "${line}"`);
        await command.run(command.pattern.exec(line));
      }
      return;
    }
    assert.ok(block.name, `${where(block)}: a ${block.lang} block names its file on its first line, or is marked`);
    if (BUILDS[block.name]) return BUILDS[block.name]();
    if (USED_BY_BUILDS.has(block.name)) return; // checked by the builds
    assert.match(block.name, /^[^/]+\.m?js$/, `${where(block)}: no check for ${block.name}`);
    if (runByShell.has(block.name)) return; // run by a shell block
    const stdout = await node([block.name]);
    if (EXPECTED[block.name] !== undefined) assert.equal(stdout, EXPECTED[block.name], block.name);
  });
}
