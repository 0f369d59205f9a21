// The production builds of the bundlers apps use, each with its default minifier, for the
// size table (scripts/bundle-size.mjs): what an app ships depends on the minifier too.
// Each takes an entry file inside the package, where `anyctx` resolves to the package
// itself, and returns the bundle's code. esbuild, whose figures the table leads with, is
// measured by bundle-size.mjs itself.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { rolldown } from 'rolldown';
import webpack from 'webpack';
import { rspack } from '@rspack/core';

const version = (name) => JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;

// webpack and Rspack in production mode: their minimizers (terser, SWC) and module
// concatenation, an ES module out.
function webpackLike(run) {
  return (entry) => {
    const outDir = join(dirname(entry), 'out');
    const config = {
      mode: 'production', target: 'web', entry, context: dirname(entry),
      output: { path: outDir, filename: 'bundle.js', module: true, library: { type: 'module' } },
      experiments: { outputModule: true },
    };
    return new Promise((resolve, reject) => run(config, (error, stats) => {
      if (error || stats.hasErrors()) reject(error ?? new Error(stats.toString('errors-only')));
      else resolve(readFileSync(join(outDir, 'bundle.js'), 'utf8'));
    }));
  };
}

export const productionBundlers = [
  {
    name: `Rolldown ${version('rolldown')} (Oxc minifier; Vite 8's production build)`,
    column: 'Rolldown (Vite 8)',
    async bundle(entry) {
      const build = await rolldown({ input: entry, platform: 'browser', logLevel: 'silent' });
      const { output } = await build.generate({ format: 'esm', minify: true });
      await build.close();
      return output[0].code;
    },
  },
  { name: `webpack ${version('webpack')} (terser)`, column: 'webpack', bundle: webpackLike(webpack) },
  { name: `Rspack ${version('@rspack/core')} (SWC minifier)`, column: 'Rspack', bundle: webpackLike(rspack) },
];
