// Builds dist/: each entry bundled as ESM and CommonJS by esbuild, type declarations by tsc,
// and the ESM wrappers Node's `import` condition uses. `portable.browser` is the portable
// engine without Node's task sources, for the `browser` export condition. Everything is
// written to dist.next/ and swapped in at the end, so programs running from dist/ meanwhile
// never see it half-built.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { runtimeBuildOptions } from './runtime-build-options.mjs';

const root = new URL('..', import.meta.url);
const dist = new URL('dist.next/', root);
rmSync(dist, { recursive: true, force: true });

// The browser build leaves Node's task sources out. Node's own engine (index) is reached only
// through Node's conditions, whose `import` is the ESM wrapper below: it is CommonJS only.
const BOTH_FORMATS = [['esm', 'js'], ['cjs', 'cjs']];
const entries = {
  index: { entry: 'src/entry/index.ts', nodeSources: true, formats: [['cjs', 'cjs']] },
  portable: { entry: 'src/entry/portable.ts', nodeSources: true, formats: BOTH_FORMATS },
  'portable.browser': { entry: 'src/entry/portable-browser.ts', nodeSources: false, formats: BOTH_FORMATS },
};
for (const [name, { entry, nodeSources, formats }] of Object.entries(entries)) {
  for (const [format, extension] of formats) {
    await build({
      entryPoints: [new URL(entry, root).pathname],
      outfile: new URL(`${name}.${extension}`, dist).pathname,
      bundle: true,
      format,
      platform: 'neutral',
      target: 'es2022',
      external: ['node:async_hooks'],
      ...runtimeBuildOptions({ nodeSources }),
      sourcemap: true,
      logLevel: 'warning',
    });
  }
}

// The build-time entries run in Node (bundlers, loaders, Babel): their dependencies
// (parser, editor, unplugin) stay external.
const buildTimeEntries = ['transform', 'register', 'register-hooks', 'vite', 'rollup', 'rolldown', 'esbuild', 'webpack', 'rspack', 'babel'];
for (const [name, format, extension] of buildTimeEntries.filter((n) => existsSync(new URL(`src/entry/${n}.ts`, root))).flatMap((n) => [[n, 'esm', 'js'], [n, 'cjs', 'cjs']])) {
  await build({
    entryPoints: [new URL(`src/entry/${name}.ts`, root).pathname],
    outfile: new URL(`${name}.${extension}`, dist).pathname,
    bundle: true,
    format,
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

execFileSync(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', new URL('types', dist).pathname], {
  cwd: root, stdio: 'inherit',
});

// On Node, `import` and `require` of asyncctx must reach ONE engine (one current frame, one
// id counter, one set of host patches). So Node's `import` condition points at a thin ESM
// file that re-exports the CommonJS build instead of loading a second copy.
const require = createRequire(import.meta.url);
for (const name of ['index', 'portable']) { // the entries Node's conditions reach
  const names = Object.keys(require(new URL(`${name}.cjs`, dist).pathname)).filter((n) => n !== 'default');
  const body = `import cjs from './${name}.cjs';\nexport const { ${names.join(', ')} } = cjs;\nexport default cjs;\n`;
  writeFileSync(new URL(`${name}.node.mjs`, dist), body);
}

const finished = new URL('dist/', root);
const previous = new URL('dist.previous/', root);
rmSync(previous, { recursive: true, force: true });
if (existsSync(finished)) renameSync(finished, previous);
renameSync(dist, finished);
rmSync(previous, { recursive: true, force: true });
