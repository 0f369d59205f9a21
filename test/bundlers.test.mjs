// The bundler plugins: one small app (test/fixtures/bundler-app) built by every bundler with
// anyctx's plugin for browsers, each bundle run by Node 24 and Node 20 on the portable
// engine. Its log must be the one the untransformed app prints on Node's own async_hooks: the
// right request after every await, in the app and in a dependency from node_modules.
// Excluding the dependency must leave its code untouched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ORACLE, PORTABLE } from './engines.mjs';
import { built, linkPackages } from './support/packages.mjs';
import { runProgram } from './support/run-program.mjs';

const app = fileURLToPath(new URL('fixtures/bundler-app/', import.meta.url));
const mainEntry = join(app, 'main.mjs');
const dependency = join(app, 'node_modules/fake-dep/index.js');
// The dependency cannot resolve anyctx from its own folder (this repository is anyctx):
// these builds give `runtime` as a path, the engine's file itself, which the app's 'anyctx'
// resolves to (the strict-layout tests below leave it to the plugin's fallback).
const runtime = built('anyctx', 'portable.browser.js');
// Half the bundlers get the exclusion as a glob, half as a regular expression (in an array).
const globExclusion = '**/node_modules/fake-dep/**';
const regexpExclusion = [/[\\/]node_modules[\\/]fake-dep[\\/]/];
const exclusionFor = { vite: globExclusion, rollup: regexpExclusion, rolldown: globExclusion, esbuild: regexpExclusion, webpack: globExclusion, rspack: regexpExclusion };

let out;
let expected;
before(async () => {
  out = mkdtempSync(join(tmpdir(), 'anyctx-bundlers-'));
  expected = await logOf(ORACLE, mainEntry);
});
after(() => rmSync(out, { recursive: true, force: true }));

/** What `file` logs on `engine` (an engine of engines.mjs, or a Node binary), line by line. */
async function logOf(engine, file) {
  return (await runProgram(engine, [file], { check: true })).lines;
}

/** The dependency's function as the bundle has it, from its name to its callback. */
function dependencyCode(code) {
  const start = code.indexOf('function retry(');
  assert.notEqual(start, -1, 'the dependency is in the bundle');
  return code.slice(start, code.indexOf('task()', start));
}

/** Each bundler: build an app (by default the one above) with the plugin's options, return the bundle's file. */
const bundlers = {
  async vite(options, dir, entry = mainEntry) {
    const [{ build }, { default: plugin }] = await Promise.all([import('vite'), import('anyctx-build/vite')]);
    await build({
      configFile: false, root: dirname(entry), logLevel: 'silent',
      plugins: [plugin(options)],
      build: { outDir: dir, emptyOutDir: true, minify: false, lib: { entry, formats: ['es'], fileName: 'main' } },
    });
    return join(dir, 'main.js');
  },
  async rollup(options, dir, entry = mainEntry) {
    const [{ rollup }, { default: plugin }] = await Promise.all([import('rollup'), import('anyctx-build/rollup')]);
    const bundle = await rollup({ input: entry, plugins: [resolveBareImports(), plugin(options)], onwarn() {} });
    await bundle.write({ file: join(dir, 'main.mjs'), format: 'es' });
    await bundle.close();
    return join(dir, 'main.mjs');
  },
  async rolldown(options, dir, entry = mainEntry) {
    const [{ rolldown }, { default: plugin }] = await Promise.all([import('rolldown'), import('anyctx-build/rolldown')]);
    const bundle = await rolldown({ input: entry, platform: 'browser', plugins: [plugin(options)], logLevel: 'silent' });
    await bundle.write({ file: join(dir, 'main.mjs'), format: 'es' });
    await bundle.close();
    return join(dir, 'main.mjs');
  },
  async esbuild(options, dir, entry = mainEntry) {
    const [{ build }, { default: plugin }] = await Promise.all([import('esbuild'), import('anyctx-build/esbuild')]);
    await build({
      entryPoints: [entry], outfile: join(dir, 'main.mjs'), bundle: true, platform: 'browser', format: 'esm',
      plugins: [plugin(options)], logLevel: 'silent',
    });
    return join(dir, 'main.mjs');
  },
  async webpack(options, dir, entry = mainEntry) {
    const [{ default: webpack }, { default: plugin }] = await Promise.all([import('webpack'), import('anyctx-build/webpack')]);
    await compile(webpack(webpackConfig(plugin(options), dir, entry)));
    return join(dir, 'main.js');
  },
  async rspack(options, dir, entry = mainEntry) {
    const [{ rspack }, { default: plugin }] = await Promise.all([import('@rspack/core'), import('anyctx-build/rspack')]);
    await compile(rspack(webpackConfig(plugin(options), dir, entry)));
    return join(dir, 'main.js');
  },
};

function webpackConfig(plugin, dir, entry) {
  return {
    mode: 'none', target: 'web', devtool: false, context: dirname(entry), entry,
    output: { path: dir, filename: 'main.js', globalObject: 'globalThis' },
    plugins: [plugin],
  };
}

function compile(compiler) {
  return new Promise((resolve, reject) => compiler.run((error, stats) => {
    compiler.close(() => {});
    if (error) reject(error);
    else if (stats.hasErrors()) reject(new Error(stats.toString({ all: false, errors: true })));
    else resolve();
  }));
}

/** Rollup resolves only paths: the app's two packages, as a browser bundler would find them. */
function resolveBareImports() {
  const packages = { anyctx: runtime, 'fake-dep': dependency, 'fake-tracer': join(dirname(hooksApp), 'node_modules/fake-tracer/index.js') };
  return { name: 'resolve-bare-imports', resolveId: (source) => packages[source] ?? null };
}

test('the native oracle keeps each request after every await (the fixture is meaningful)', () => {
  assert.ok(expected.length > 20);
  for (const line of expected) {
    const [label, store] = line.split(': ');
    assert.equal(store, label.startsWith('outside') ? '-' : label[0], line);
  }
});

for (const [name, bundle] of Object.entries(bundlers)) {
  test(`${name}: the bundled app keeps the context after every await, dependency included`, async () => {
    const file = await bundle({ runtime }, join(out, name));
    assert.match(dependencyCode(readFileSync(file, 'utf8')), /\.enter\(/, 'the dependency was transformed');
    for (const engine of PORTABLE) assert.deepEqual(await logOf(engine, file), expected, engine.name);
  });

  test(`${name}: an excluded dependency stays untouched`, async () => {
    const file = await bundle({ runtime, exclude: exclusionFor[name] }, join(out, `${name}-exclude`));
    assert.doesNotMatch(dependencyCode(readFileSync(file, 'utf8')), /\.(enter|suspend|resume)\(/);
    // The app's own awaits still keep the context; only the callback the untouched dependency
    // makes after its await has lost it: the empty frame, never the other request's.
    const callback = "in the dependency's callback";
    const lost = expected.map((line) => (line.includes(callback) ? line.replace(/: \w+$/, ': -') : line));
    assert.notDeepEqual(lost, expected);
    for (const engine of PORTABLE) assert.deepEqual(await logOf(engine, file), lost, engine.name);
  });
}

// node:async_hooks in a build for the browser: the plugin resolves it to anyctx, so a
// dependency written for Node shares the app's engine. The first app's dependency imports
// Node's module under both names; the second is OpenTelemetry's context manager itself
// (CommonJS, which Rollup reads only with a plugin of its own: it is left out there).
const hooksApp = fileURLToPath(new URL('fixtures/async-hooks-app/main.mjs', import.meta.url));
const openTelemetryApp = fileURLToPath(new URL('fixtures/opentelemetry-app/main.mjs', import.meta.url));
// The dependency alone, with no anyctx of its own to import Node's module.
const libraryOnly = join(dirname(hooksApp), 'library-only.mjs');
const NODE_MODULE_IMPORT = /["'](?:node:)?async_hooks["']/;

for (const [app, bundlerNames] of [[hooksApp, Object.keys(bundlers)], [openTelemetryApp, Object.keys(bundlers).filter((name) => name !== 'rollup')]]) {
  const appName = app.split(/[\\/]/).at(-2);
  let appExpected;
  for (const name of bundlerNames) {
    test(`${name}: in ${appName}, the dependency's node:async_hooks is the app's engine`, async () => {
      appExpected ??= logOf(ORACLE, app);
      // Rollup names no platform: it is told.
      const file = await bundlers[name]({ runtime, ...(name === 'rollup' ? { asyncHooks: true } : {}) }, join(out, `${name}-${appName}`), app);
      assert.doesNotMatch(readFileSync(file, 'utf8'), NODE_MODULE_IMPORT, "no import of Node's module is left");
      for (const engine of PORTABLE) assert.deepEqual(await logOf(engine, file), await appExpected, engine.name);
    });
  }
}

// A dependency that cannot resolve anyctx from its own folder (a strict layout) gets the
// app's: the runtime is resolved from the project instead. Rollup resolves bare names through
// the app's resolver, @rollup/plugin-node-resolve, which knows no package self-reference: its
// app is laid out as pnpm installs one, anyctx in the app's node_modules and each
// dependency a link to a folder outside it.
const strictLayoutBundlers = {
  ...bundlers,
  async rollup(options, dir, entry) {
    const [{ rollup }, { nodeResolve }, { default: plugin }] = await Promise.all([import('rollup'), import('@rollup/plugin-node-resolve'), import('anyctx-build/rollup')]);
    const appDir = join(dir, 'app');
    mkdirSync(join(appDir, 'node_modules'), { recursive: true });
    linkPackages(join(appDir, 'node_modules'), ['anyctx']);
    for (const library of ['plain-tracer', 'awaiting-lib']) {
      cpSync(join(dirname(entry), 'node_modules', library), join(dir, 'store', library), { recursive: true });
      symlinkSync(join(dir, 'store', library), join(appDir, 'node_modules', library));
    }
    const input = join(appDir, 'main.mjs');
    copyFileSync(entry, input);
    const bundle = await rollup({ input, plugins: [nodeResolve({ browser: true, rootDir: appDir }), plugin({ asyncHooks: true, ...options })], onwarn() {} });
    await bundle.write({ file: join(dir, 'main.mjs'), format: 'es' });
    await bundle.close();
    return join(dir, 'main.mjs');
  },
};

for (const name of Object.keys(strictLayoutBundlers)) {
  test(`${name}: a dependency with no path to anyctx gets the app's engine for node:async_hooks`, async () => {
    const app = join(dirname(hooksApp), 'strict-layout.mjs');
    const file = await strictLayoutBundlers[name]({ runtime: 'anyctx' }, join(out, `${name}-strict-layout`), app);
    assert.doesNotMatch(readFileSync(file, 'utf8'), NODE_MODULE_IMPORT);
    for (const engine of PORTABLE) assert.deepEqual(await logOf(engine, file), ['A A-span true'], engine.name);
  });
}

// A dependency whose awaits are rewritten, and that cannot resolve anyctx from its folder,
// gets its helpers from the project's anyctx, with the default `runtime`.
for (const name of Object.keys(strictLayoutBundlers)) {
  test(`${name}: a dependency with no path to anyctx gets the helpers of its rewritten awaits from the app's`, async () => {
    const app = join(dirname(hooksApp), 'strict-layout-awaits.mjs');
    assert.deepEqual(await logOf(ORACLE, app), ['A B'], 'the oracle');
    const file = await strictLayoutBundlers[name]({}, join(out, `${name}-strict-layout-awaits`), app);
    for (const engine of PORTABLE) assert.deepEqual(await logOf(engine, file), ['A B'], engine.name);
  });
}

test('the strict-layout dependency left untransformed loses the context (the fixture is meaningful)', async () => {
  const app = join(dirname(hooksApp), 'strict-layout-awaits.mjs');
  const file = await bundlers.esbuild({ exclude: /[\\/]awaiting-lib[\\/]/ }, join(out, 'esbuild-strict-layout-excluded'), app);
  for (const engine of PORTABLE) assert.notDeepEqual(await logOf(engine, file), ['A B'], engine.name);
});

test('the oracle of the async_hooks app sees the app\'s request inside the library\'s snapshot and span (the fixture is meaningful)', async () => {
  const lines = await logOf(ORACLE, hooksApp);
  assert.ok(lines.includes('A in the span after a timer: A A-span'));
  assert.ok(lines.includes("B in the library's snapshot: B -"));
});

test("builds for Node keep Node's module: esbuild's node platform, Vite's SSR, webpack's node target, and `asyncHooks: false`", async () => {
  const { build } = await import('esbuild');
  const { default: esbuildPlugin } = await import('anyctx-build/esbuild');
  const esbuildOutput = async (platform, options) => {
    const result = await build({
      entryPoints: [libraryOnly], bundle: true, write: false, platform, format: 'esm', external: ['node:async_hooks', 'async_hooks'],
      plugins: [esbuildPlugin({ runtime, ...options })], logLevel: 'silent',
    });
    return result.outputFiles[0].text;
  };
  assert.match(await esbuildOutput('node', {}), NODE_MODULE_IMPORT);
  assert.match(await esbuildOutput('browser', { asyncHooks: false }), NODE_MODULE_IMPORT);
  assert.doesNotMatch(await esbuildOutput('node', { asyncHooks: true }), NODE_MODULE_IMPORT);

  const [{ build: viteBuild }, { default: vitePlugin }] = await Promise.all([import('vite'), import('anyctx-build/vite')]);
  const ssrDir = join(out, 'vite-ssr');
  await viteBuild({
    configFile: false, root: dirname(hooksApp), logLevel: 'silent', plugins: [vitePlugin({ runtime })],
    build: { outDir: ssrDir, emptyOutDir: true, minify: false, ssr: libraryOnly, rollupOptions: { output: { entryFileNames: 'main.mjs' } } },
    ssr: { noExternal: ['fake-tracer'] },
  });
  assert.match(readFileSync(join(ssrDir, 'main.mjs'), 'utf8'), NODE_MODULE_IMPORT);

  const [{ default: webpack }, { default: webpackPlugin }] = await Promise.all([import('webpack'), import('anyctx-build/webpack')]);
  const nodeDir = join(out, 'webpack-node');
  await compile(webpack({ ...webpackConfig(webpackPlugin({ runtime }), nodeDir, libraryOnly), target: 'node' }));
  assert.match(readFileSync(join(nodeDir, 'main.js'), 'utf8'), /require\(["'](?:node:)?async_hooks["']\)/);
});

// A build that runs on Node gets Node's own engine for `anyctx`, which needs no rewrite:
// the plugin leaves its modules as they are (and the portable engine out), unless told
// `node: true`. Each bundler says so in its own way; the browser builds above are rewritten.
const awaitsApp = join(dirname(hooksApp), 'strict-layout-awaits.mjs');
/** How many functions of a bundle were rewritten (each makes its frame). */
const rewrittenFunctions = (file) => readFileSync(file, 'utf8').match(/\b__acf(?:\$\d+)? = /g)?.length ?? 0;

const nodeBuilds = {
  async vite(options, dir) {
    const [{ build }, { default: plugin }] = await Promise.all([import('vite'), import('anyctx-build/vite')]);
    await build({
      configFile: false, root: dirname(hooksApp), logLevel: 'silent', plugins: [plugin(options)],
      build: { outDir: dir, emptyOutDir: true, minify: false, ssr: awaitsApp },
      ssr: { noExternal: ['awaiting-lib'] },
    });
    return join(dir, 'strict-layout-awaits.js');
  },
  async rolldown(options, dir) {
    const [{ rolldown }, { default: plugin }] = await Promise.all([import('rolldown'), import('anyctx-build/rolldown')]);
    const bundle = await rolldown({ input: awaitsApp, platform: 'node', plugins: [plugin(options)], logLevel: 'silent' });
    await bundle.write({ file: join(dir, 'main.mjs'), format: 'es' });
    await bundle.close();
    return join(dir, 'main.mjs');
  },
  async esbuild(options, dir) {
    const [{ build }, { default: plugin }] = await Promise.all([import('esbuild'), import('anyctx-build/esbuild')]);
    await build({ entryPoints: [awaitsApp], outfile: join(dir, 'main.mjs'), bundle: true, platform: 'node', format: 'esm', plugins: [plugin(options)], logLevel: 'silent' });
    return join(dir, 'main.mjs');
  },
  async webpack(options, dir) {
    const [{ default: webpack }, { default: plugin }] = await Promise.all([import('webpack'), import('anyctx-build/webpack')]);
    await compile(webpack({ ...webpackConfig(plugin(options), dir, awaitsApp), target: 'node' }));
    return join(dir, 'main.js');
  },
  async rspack(options, dir) {
    const [{ rspack }, { default: plugin }] = await Promise.all([import('@rspack/core'), import('anyctx-build/rspack')]);
    await compile(rspack({ ...webpackConfig(plugin(options), dir, awaitsApp), target: 'node' }));
    return join(dir, 'main.js');
  },
};

for (const [name, build] of Object.entries(nodeBuilds)) {
  test(`${name}: a build for Node is not rewritten, unless \`node: true\``, async () => {
    const file = await build({}, join(out, `${name}-for-node`));
    assert.equal(rewrittenFunctions(file), 0, 'the build is left as it is');
    assert.doesNotMatch(readFileSync(file, 'utf8'), /awaitFrames/, 'and has no helpers');
    assert.deepEqual(await logOf(ORACLE.node, file), ['A B'], "Node's own engine keeps the context");
    const rewritten = await build({ node: true }, join(out, `${name}-for-node-rewritten`));
    assert.ok(rewrittenFunctions(rewritten) > 0, '`node: true` rewrites it');
    assert.deepEqual(await logOf(ORACLE.node, rewritten), ['A B']);
  });
}

test('vite: the client build beside an SSR build is rewritten', async () => {
  const [{ build }, { default: plugin }] = await Promise.all([import('vite'), import('anyctx-build/vite')]);
  const dir = join(out, 'vite-client-of-ssr-app');
  await build({
    configFile: false, root: dirname(hooksApp), logLevel: 'silent', plugins: [plugin({})],
    build: { outDir: dir, emptyOutDir: true, minify: false, lib: { entry: awaitsApp, formats: ['es'], fileName: 'strict-layout-awaits' } },
  });
  assert.ok(rewrittenFunctions(join(dir, 'strict-layout-awaits.js')) > 0);
});

/** The plugin's transform hook alone, as Rollup without hook filters calls it. */
async function transformHook(options, warnings = []) {
  const { default: plugin } = await import('anyctx-build/rollup');
  const { handler } = plugin(options).transform;
  const context = { warn: (message) => warnings.push(message) };
  return (code, id) => handler.call(context, code, id) ?? null;
}

const asyncModule = 'export async function f(x) {\n  await x;\n  return 1;\n}\n';

test('the hook returns the code and its source map', async () => {
  const hook = await transformHook();
  const result = await hook(asyncModule, '/app/src/f.js');
  assert.match(result.code, /\.enter\(/);
  assert.deepEqual(result.map.sources, ['/app/src/f.js']);
  assert.deepEqual(result.map.sourcesContent, [asyncModule]);
  assert.ok(result.map.mappings.length > 0);
});

test('the hook transforms dependencies and script blocks, and skips the rest', async () => {
  const hook = await transformHook();
  const transformed = async (id, code = asyncModule) => /\.enter\(/.test((await hook(code, id))?.code ?? '');
  assert.ok(await transformed('/app/node_modules/some-dep/index.js'), 'a dependency');
  assert.ok(await transformed('/app/src/f.ts?v=123'), 'an id with a query');
  assert.ok(await transformed('/app/src/Comp.vue?vue&type=script&setup=true&lang.ts', 'export async function f(x: number) { await x; }'), 'a script block');
  assert.ok(!(await transformed('/app/src/style.css')), 'a style');
  assert.ok(!(await transformed('/app/src/Comp.vue')), 'a file of another language');
  assert.ok(!(await transformed('\0virtual:entry.js')), 'a virtual module');
  assert.ok(!(await transformed('virtual:entry.js')), 'a virtual module without the NUL prefix');
  assert.ok(!(await transformed('/app/node_modules/anyctx/dist/portable.js')), "anyctx's installed files");
  assert.ok(!(await transformed(runtime)), "anyctx's own build");
  assert.equal(await hook('export const f = () => 1;\n', '/app/src/sync.js'), null, 'nothing to rewrite');
});

test('a module without module syntax gets its helpers by import, never from a global read too early', async () => {
  const hook = await transformHook({ runtime: 'anyctx/portable' });
  const result = await hook('async function f(x) { await x; }\n', '/app/src/script.js');
  assert.match(result.code, /^import \{ awaitFramesBasic as \w+ \} from "anyctx\/portable";/);
});

test('a file the parser cannot read is left to the bundler, with a warning', async () => {
  const warnings = [];
  const hook = await transformHook({}, warnings);
  assert.equal(await hook('export async function f(x) { await x; }\nconst y = 1 +;\n', '/app/src/broken.js'), null);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /broken\.js left untransformed/);
});

test('include and exclude take globs and regular expressions, exclude first', async () => {
  const hook = await transformHook({ include: ['**/src/**', /[\\/]lib[\\/]/], exclude: /skip/ });
  const transformed = async (id) => (await hook(asyncModule, id)) !== null;
  assert.ok(await transformed('/app/src/a.js'));
  assert.ok(await transformed('/app/lib/a.js'));
  assert.ok(!(await transformed('/app/other/a.js')));
  assert.ok(!(await transformed('/app/src/skip.js')));
  // Included by pattern is not enough: it must still be a script.
  assert.ok(!(await transformed('/app/src/a.css')));
});

test('esbuild: include limits the transform to the app', async () => {
  const file = await bundlers.esbuild({ runtime, include: '**/bundler-app/*.mjs' }, join(out, 'esbuild-include'));
  const code = readFileSync(file, 'utf8');
  assert.doesNotMatch(dependencyCode(code), /\.enter\(/);
  assert.match(code.slice(code.indexOf('async function handle(')), /^[^\n]*\n[^\n]*\.enter\(/);
});

/** Vite's dev server on `root`, with `dependency` pre-bundled for the client: `check(server, its code)`. */
async function withPrebundled(root, dependency, check) {
  const [{ createServer }, { default: plugin }] = await Promise.all([import('vite'), import('anyctx-build/vite')]);
  const server = await createServer({
    configFile: false, root, logLevel: 'silent', cacheDir: join(out, `vite-dev-cache-${dependency}`),
    server: { middlewareMode: true, ws: false, watch: null },
    plugins: [plugin({ runtime })],
    optimizeDeps: { include: [dependency], noDiscovery: true },
  });
  try {
    const optimizer = server.environments.client.depsOptimizer;
    await optimizer.init?.();
    const optimized = optimizer.metadata.optimized[dependency];
    await optimized.processing;
    await check(server, readFileSync(optimized.file, 'utf8'));
  } finally {
    await server.close();
  }
}

test("vite's dev server: the dependencies it pre-bundles are transformed too", () =>
  withPrebundled(app, 'fake-dep', (server, code) => assert.match(dependencyCode(code), /\.enter\(/)));

test("vite's dev server: a dependency it pre-bundles for the client gets anyctx for node:async_hooks", () =>
  withPrebundled(dirname(hooksApp), 'fake-tracer', async (server, code) => {
    assert.doesNotMatch(code, NODE_MODULE_IMPORT);
    // The client's own modules too, as the dev server resolves them.
    const resolved = await server.environments.client.pluginContainer.resolveId('node:async_hooks', join(dirname(hooksApp), 'main.mjs'));
    assert.equal(resolved?.id, runtime);
  }));
