// Builds both packages' dist/: each entry bundled as ESM and CommonJS by esbuild, the
// hand-written declarations (packages/*/types) as .d.ts and .d.cts (scripts/declarations.mjs),
// and the runtime's ESM wrappers for Node's `import` condition.
// Each dist/ is written to a folder of its own and swapped in at the end, so programs running
// from a dist/ meanwhile never see it half-built, and two builds at once do not mix. Source maps carry no sources: a published package
// ships its code once.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runtimeBuildOptions } from '../packages/anyctx/build-options.mjs';
import { writeDeclarations } from './declarations.mjs';

const require = createRequire(import.meta.url);
const BOTH_FORMATS = [['esm', 'js'], ['cjs', 'cjs']];
const COMMON = { bundle: true, sourcemap: true, sourcesContent: false, logLevel: 'warning' };
const packageRoot = (name) => new URL(`../packages/${name}/`, import.meta.url);

// What a build killed before its swap left behind (its process is gone).
for (const name of ['anyctx', 'anyctx-build']) {
  const root = packageRoot(name);
  for (const entry of readdirSync(root)) {
    const pid = /^dist\.(?:next|previous)-(\d+)$/.exec(entry)?.[1];
    if (pid !== undefined && !isRunning(Number(pid))) rmSync(new URL(entry, root), { recursive: true, force: true });
  }
}

await buildPackage('anyctx', async (source, dist) => {
  // The browser build leaves Node's task sources out. Node's own engine (index) is reached
  // only through Node's conditions, whose `import` is the ESM wrapper below: CommonJS only.
  const entries = {
    index: { entry: 'entry/index.ts', nodeSources: true, formats: [['cjs', 'cjs']] },
    portable: { entry: 'entry/portable.ts', nodeSources: true, formats: BOTH_FORMATS },
    'portable.browser': { entry: 'entry/portable-browser.ts', nodeSources: false, formats: BOTH_FORMATS },
    protocol: { entry: 'protocol/await-helpers.ts', nodeSources: false, formats: BOTH_FORMATS },
    // The context manager takes the engine from the package's own entry: an app has one.
    opentelemetry: { entry: 'entry/opentelemetry.ts', nodeSources: false, formats: BOTH_FORMATS },
    // The tracker takes the engine from `anyctx/portable`: Node's own classes cannot count tasks.
    tracker: { entry: 'entry/tracker.ts', nodeSources: false, formats: BOTH_FORMATS },
    'opentelemetry-user-interaction': { entry: 'entry/opentelemetry-user-interaction.ts', nodeSources: false, formats: BOTH_FORMATS },
  };
  /** Each entry's export names, from its ESM build. */
  const esmExports = {};
  for (const [name, { entry, nodeSources, formats }] of Object.entries(entries)) {
    for (const [format, extension] of formats) {
      const result = await build({
        ...COMMON,
        entryPoints: [new URL(entry, source).pathname],
        outfile: new URL(`${name}.${extension}`, dist).pathname,
        format,
        platform: 'neutral',
        target: 'es2022',
        external: ['node:async_hooks', 'anyctx', 'anyctx/portable', 'anyctx/tracker', '@opentelemetry/api'],
        ...runtimeBuildOptions({ nodeSources }),
        metafile: true,
      });
      if (format === 'esm') esmExports[name] = Object.values(result.metafile.outputs).find((output) => output.entryPoint)?.exports;
      if (format === 'cjs') guardHelpers(new URL(`${name}.${extension}`, dist));
    }
  }
  // On Node, `import` and `require` of anyctx must reach ONE engine (one current frame, one
  // id counter, one set of host patches), and one tracker (one scope store, one set of tracked
  // layers). So Node's `import` condition points at a thin ESM file that re-exports the
  // CommonJS build instead of loading a second copy.
  for (const name of ['index', 'portable', 'tracker']) {
    // The names from the ESM build where there is one: the tracker's CommonJS build requires
    // `anyctx/portable`, which a first build has not put in dist/ yet. Node's own engine
    // (index) has a CommonJS build only, which requires nothing of the package.
    const all = esmExports[name] ?? Object.keys(require(new URL(`${name}.cjs`, dist).pathname));
    const names = all.filter((n) => n !== 'default');
    // A default export only where the entry has one (the API object; the tracker has none).
    const defaultExport = all.includes('default') ? 'export default cjs;\n' : '';
    writeFileSync(new URL(`${name}.node.mjs`, dist), `import cjs from './${name}.cjs';\nexport const { ${names.join(', ')} } = cjs;\n${defaultExport}`);
  }
});

await buildPackage('anyctx-build', async (source, dist) => {
  // They run in Node (bundlers, loaders, Babel): their dependencies (parser, editor,
  // unplugin) and the runtime (a peer) stay external. The register hooks run as ESM only,
  // on Node's loader thread.
  const entries = ['transform', 'register', 'vite', 'rollup', 'rolldown', 'esbuild', 'webpack', 'rspack', 'babel'];
  const outputs = [...entries.flatMap((name) => BOTH_FORMATS.map((format) => [name, ...format])), ['register-hooks', 'esm', 'js']];
  for (const [name, format, extension] of outputs) {
    await build({
      ...COMMON,
      entryPoints: [new URL(`entry/${name}.ts`, source).pathname],
      outfile: new URL(`${name}.${extension}`, dist).pathname,
      format,
      platform: 'node',
      target: 'node20',
      packages: 'external',
    });
  }
});

// esbuild's CommonJS helpers export with `for (… in …)` and descriptors that inherit from
// Object.prototype: an enumerable Object.prototype[0], or an Object.prototype.get, set before
// the package is loaded would break loading it. Their own keys and null-prototype descriptors
// instead (same lines, so the source map still holds).
function guardHelpers(file) {
  const code = readFileSync(file, 'utf8');
  const guarded = code
    .replace('for (var name in all)', 'for (var name of Object.keys(all))')
    .replace('{ get: all[name], enumerable: true }', '{ __proto__: null, get: all[name], enumerable: true }')
    .replace('{ get: () => from[key], enumerable:', '{ __proto__: null, get: () => from[key], enumerable:')
    .replace('__defProp({}, "__esModule", { value: true })', '__defProp({}, "__esModule", { __proto__: null, value: true })');
  const left = /for \(var name in all\)|\{ (?:get|value): /.test(guarded.slice(0, guarded.indexOf('\n// ')));
  if (left) throw new Error(`${file.pathname}: esbuild's helpers changed, guardHelpers() in scripts/build.mjs needs updating`);
  writeFileSync(file, guarded);
}

async function buildPackage(name, bundle) {
  const root = packageRoot(name);
  const dist = new URL(`dist.next-${process.pid}/`, root);
  try {
    await bundle(new URL('src/', root), dist);
    writeDeclarations(new URL('types/', root), new URL('types/', dist));
  } catch (error) {
    rmSync(dist, { recursive: true, force: true });
    throw error;
  }

  const finished = new URL('dist/', root);
  const previous = new URL(`dist.previous-${process.pid}/`, root);
  rmSync(previous, { recursive: true, force: true });
  if (existsSync(finished)) renameSync(finished, previous);
  renameSync(dist, finished);
  rmSync(previous, { recursive: true, force: true });
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}
