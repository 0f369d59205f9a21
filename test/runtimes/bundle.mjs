// Bundles one differential scenario into a single ES module that another runtime can run.
//
// - engine 'portable': '#ctx' is the portable entry (test/ctx/portable.mjs, the browser
//   build dist/portable.js); scenarios in await/ are rewritten by anyctx's esbuild plugin,
//   whose helpers resolve to that same module.
// - engine 'native': '#ctx' is the runtime's own node:async_hooks (test/ctx/native.mjs),
//   and the scenario's awaits stay untouched, as the oracle runs them.
//
// `node:*` modules stay imports of the runtime, except where a runtime has none of them
// (`shims`: a map from module name to a file standing in for it).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const ctxTarget = {
  portable: join(root, 'test', 'ctx', 'portable.mjs'),
  native: join(root, 'test', 'ctx', 'native.mjs'),
};

// The CommonJS parts of the corpus (_lib/out.cjs, the .cjs scenarios) call `require` on
// node: modules; an ES module has no `require`, so the bundle makes one where it can.
const requireBanner =
  "import { createRequire as __anyctxCreateRequire } from 'node:module';\n" +
  'const require = __anyctxCreateRequire(import.meta.url);\n';

/** True when a scenario uses native `await` (the transform's marker). */
export function needsTransform(file) {
  return /^\/\/\s*waits-for:\s*transform\s*$/m.test(readFileSync(file, 'utf8').split('\n', 1)[0]);
}

/**
 * Writes the bundle of `scenario` to `outfile`.
 * options.engine: 'portable' | 'native'.
 * options.shims: { 'node:fs': '/path/shim.mjs', ... } for runtimes without node: modules
 *   (then no require banner is added: the shims are bundled in).
 * options.prelude: a file imported before everything else (a runtime's host setup).
 * options.builtinsFromGlobal: `require('node:x')` reads globalThis.__anyctxBuiltins['node:x']
 *   (filled by the runner) instead of calling a `require` the runtime may not have.
 * options.format: 'esm' (default) or 'cjs'; a CommonJS scenario bundled as CommonJS keeps
 *   what its top level observes (execution id 1, no module-loader promise).
 */
export async function bundleScenario(scenario, outfile, { engine, shims, prelude, format = 'esm', builtinsFromGlobal = false } = {}) {
  const plugins = [aliasPlugin(engine, shims, builtinsFromGlobal)];
  if (engine === 'portable' && needsTransform(scenario)) {
    const { default: anyctxEsbuild } = await import('anyctx-build/esbuild');
    plugins.push(anyctxEsbuild());
  }
  await build({
    entryPoints: [scenario],
    inject: prelude ? [prelude] : [],
    outfile,
    bundle: true,
    format,
    platform: 'neutral',
    // 'node' picks the Node builds of anyctx's default entry for the native engine.
    conditions: engine === 'native' ? ['node', 'import', 'require'] : ['import', 'require'],
    mainFields: ['module', 'main'],
    target: 'es2022',
    banner: shims || builtinsFromGlobal || format === 'cjs' ? undefined : { js: requireBanner },
    logLevel: 'silent',
    plugins,
  });
  return outfile;
}

function aliasPlugin(engine, shims, builtinsFromGlobal) {
  return {
    name: 'runtime-matrix-alias',
    setup(b) {
      b.onResolve({ filter: /^#ctx$/ }, () => ({ path: ctxTarget[engine] }));
      b.onResolve({ filter: /^node:/ }, (args) => {
        if (shims && shims[args.path]) return { path: shims[args.path] };
        if (builtinsFromGlobal && args.kind === 'require-call') return { path: args.path, namespace: 'builtin-from-global' };
        return { path: args.path, external: true };
      });
      b.onLoad({ filter: /.*/, namespace: 'builtin-from-global' }, (args) => ({
        contents: `module.exports = globalThis.__anyctxBuiltins[${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
    },
  };
}
