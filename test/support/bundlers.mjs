// Each bundler set up as the README says, with the anyctx plugin and no options: what a user's
// build does. `bundlers[name]({ entry, dir, root })` builds `entry` (resolved from `root`, a
// project with node_modules) into `dir` and returns the bundle's file, whether it is an ES
// module, and the module ids the bundler reports. `plugin: false` builds the same without
// the plugin (what tests compare with); `target` lowers the syntax (es2016: async functions
// compiled down), where the bundler has such an option.
import { join } from 'node:path';

export const bundlers = {
  async esbuild({ entry, dir, root, plugin = true, target }) {
    const [{ build }, { default: anyctx }] = await Promise.all([import('esbuild'), import('anyctx-build/esbuild')]);
    const result = await build({
      entryPoints: [entry], bundle: true, platform: 'browser', format: 'esm', outfile: join(dir, 'main.mjs'),
      plugins: plugin ? [anyctx()] : [], metafile: true, logLevel: 'silent', absWorkingDir: root, ...(target && { target }),
    });
    return { file: join(dir, 'main.mjs'), module: true, ids: Object.keys(result.metafile.inputs).map((id) => join(root, id)) };
  },
  async rollup({ entry, dir, root, plugin = true }) {
    const [{ rollup }, { nodeResolve }, { default: commonjs }, { default: anyctx }] = await Promise.all([
      import('rollup'), import('@rollup/plugin-node-resolve'), import('@rollup/plugin-commonjs'), import('anyctx-build/rollup'),
    ]);
    const bundle = await rollup({ input: entry, plugins: [nodeResolve({ browser: true, rootDir: root }), commonjs(), ...(plugin ? [anyctx()] : [])], onwarn() {} });
    const { output } = await bundle.write({ file: join(dir, 'main.mjs'), format: 'es' });
    await bundle.close();
    return { file: join(dir, 'main.mjs'), module: true, ids: chunkModules(output) };
  },
  async rolldown({ entry, dir, root, plugin = true }) {
    const [{ rolldown }, { default: anyctx }] = await Promise.all([import('rolldown'), import('anyctx-build/rolldown')]);
    const bundle = await rolldown({ input: entry, platform: 'browser', cwd: root, plugins: plugin ? [anyctx()] : [], logLevel: 'silent' });
    const { output } = await bundle.write({ file: join(dir, 'main.mjs'), format: 'es' });
    await bundle.close();
    return { file: join(dir, 'main.mjs'), module: true, ids: chunkModules(output) };
  },
  async vite({ entry, dir, root, plugin = true }) {
    const [{ build }, { default: anyctx }] = await Promise.all([import('vite'), import('anyctx-build/vite')]);
    const result = await build({
      configFile: false, root, logLevel: 'silent', plugins: plugin ? [anyctx()] : [],
      build: { outDir: dir, emptyOutDir: true, rollupOptions: { input: entry, output: { entryFileNames: 'main.mjs' } } },
    });
    return { file: join(dir, 'main.mjs'), module: true, ids: [result].flat().flatMap((each) => chunkModules(each.output)) };
  },
  async webpack({ entry, dir, root, plugin = true }) {
    const [{ default: webpack }, { default: anyctx }] = await Promise.all([import('webpack'), import('anyctx-build/webpack')]);
    const stats = await compile(webpack({ mode: 'production', context: root, entry, target: 'web', output: { path: dir, filename: 'main.js' }, plugins: plugin ? [anyctx()] : [] }));
    return { file: join(dir, 'main.js'), module: false, ids: statsModules(stats) };
  },
  async rspack({ entry, dir, root, plugin = true }) {
    const [{ rspack }, { default: anyctx }] = await Promise.all([import('@rspack/core'), import('anyctx-build/rspack')]);
    const stats = await compile(rspack({ mode: 'production', context: root, entry, target: 'web', output: { path: dir, filename: 'main.js' }, plugins: plugin ? [anyctx()] : [] }));
    return { file: join(dir, 'main.js'), module: false, ids: statsModules(stats) };
  },
};

/** The ids of the modules in Rollup's, Rolldown's or Vite's output chunks. */
const chunkModules = (output) => output.filter((item) => item.type === 'chunk').flatMap((chunk) => chunk.moduleIds ?? Object.keys(chunk.modules));

/** The modules webpack's or Rspack's stats list, those concatenated into others included. */
function statsModules(stats) {
  const ids = [];
  const visit = (modules = []) => {
    for (const module of modules) {
      ids.push(module.nameForCondition ?? module.identifier ?? module.name);
      visit(module.modules);
    }
  };
  visit(stats.toJson({ all: false, modules: true, nestedModules: true, ids: true }).modules);
  return ids.filter(Boolean);
}

function compile(compiler) {
  return new Promise((resolve, reject) => compiler.run((error, stats) => {
    compiler.close(() => {});
    if (error) reject(error);
    else if (stats.hasErrors()) reject(new Error(stats.toString({ all: false, errors: true })));
    else resolve(stats);
  }));
}

/** The engine's builds in anyctx's dist/ (the protocol module holds names only). */
const ENGINE_FILE = /[\\/]anyctx[\\/]dist[\\/](?:portable|index)[^\\/]*\.[cm]?js$/;

/** The engine's files among a bundle's modules (a file's path with the loaders' prefix stripped). */
export const engineFiles = (ids) => [...new Set(ids.map((id) => id.split('!').at(-1).replace(/^[\w/-]+\|/, '').replace(/^\0/, '').replace(/\?.*$/, '')).filter((id) => ENGINE_FILE.test(id)))];
