// The await transform as one bundler plugin (Vite, Rollup, Rolldown, esbuild, webpack,
// Rspack) through unplugin. Every JavaScript or TypeScript module with an `await` or a
// `yield` is rewritten, dependencies in node_modules included: a library that awaits and
// then calls back into the application would otherwise hand it a lost context.

import { createUnplugin, type FilterPattern, type UnpluginInstance } from 'unplugin';
import type { PluginBuild } from 'esbuild';
import { transform } from '../transform/transform';
import { esbuildRuntime, rollupRuntimeHook, webpackRuntime, type RuntimeSettings } from './runtime-resolution';
import { esbuildTargetsNode, rolldownTargetsNode, viteRunsOnNode, viteTargetsNoNode, webpackTargetsNode, type ViteEnvironment, type WebpackLikeTarget } from './build-target';
import { ownFileCheck } from '../model/own-packages';
import { MAY_REWRITE } from '../model/suspension-points';

export interface AnyctxPluginOptions {
  /** Module ids to transform: globs (matched against the id, relative ones from the working
   * directory) or regular expressions. Default: every JavaScript/TypeScript module. */
  include?: FilterPattern;
  /** Module ids never to transform, with the same patterns; wins over `include`. */
  exclude?: FilterPattern;
  /** Where the rewritten code imports its helpers from (default 'anyctx/portable'): the
   * same module as the application's anyctx. It is resolved from each transformed file, or
   * from the project where the file has no path to it (a dependency in a strict layout). */
  runtime?: string;
  /** Whether imports of `node:async_hooks` (or `async_hooks`) resolve to `runtime` instead,
   * so that libraries written for Node share the app's engine (and `events` to the app's
   * `events` package, else to the one anyctx-build depends on). Default: in builds for a
   * platform without Node's module — Vite's client, esbuild and Rolldown unless `platform`
   * is 'node', webpack and Rspack unless the target is Node or Electron, every Rollup build
   * (Rollup names no platform). */
  asyncHooks?: boolean;
  /** Whether builds that run on Node are rewritten too — Vite's server environments that run
   * on Node (SSR), esbuild and Rolldown with `platform: 'node'`, webpack and Rspack with a
   * Node or Electron target — and so load the portable engine there. Default false: on Node,
   * `anyctx` is Node's own engine, which keeps the context across native awaits. A server
   * environment for another runtime (no `node` resolve condition) is rewritten either way. */
  node?: boolean;
}

/** Plain, TypeScript and JSX modules, by extension (an id may end with a query). */
const SCRIPT_PATH = /\.[cm]?[jt]sx?$/;
const SCRIPT_ID = /\.[cm]?[jt]sx?(?:[?#]|$)/;
/** A block of another language's file compiled to a script (Vue's `?vue&type=script&lang.ts`). */
const SCRIPT_QUERY = /[?&]lang\.([cm]?[jt]sx?)(?:&|$)/;

/** The plugin for each bundler, by the bundler's name. */
export type AnyctxPlugins = UnpluginInstance<AnyctxPluginOptions | undefined, false>;

export const unplugin: AnyctxPlugins = createUnplugin((options = {}, meta) => {
  const runtime = options.runtime ?? 'anyctx/portable';
  const isOwnFile = ownFileCheck();
  const settings: RuntimeSettings = { asyncHooks: options.asyncHooks, runtime, isOwnFile };
  // Rolldown's platform defaults to 'browser' (to 'node' only for CommonJS output, which
  // the input options cannot tell).
  let rolldownPlatform: string | undefined;
  return {
    name: 'anyctx',
    rollup: { resolveId: rollupRuntimeHook(settings, () => true) },
    rolldown: {
      options(inputOptions: { platform?: string }) {
        rolldownPlatform = inputOptions.platform;
      },
      resolveId: rollupRuntimeHook(settings, () => !rolldownTargetsNode(rolldownPlatform)),
    },
    esbuild: { onLoadFilter: SCRIPT_PATH, setup: esbuildRuntime(settings) },
    webpack: webpackRuntime(settings),
    rspack: webpackRuntime(settings),
    vite: {
      // Vite 6 and later ask per environment.
      applyToEnvironment: (environment: ViteEnvironment) => options.node === true || !viteRunsOnNode(environment),
      resolveId: rollupRuntimeHook(settings, viteTargetsNoNode),
      // Vite's dev server pre-bundles dependencies with its own plugin list: ours goes there
      // too (Rolldown's list from Vite 8 on, esbuild's before), or dependencies would lose
      // the context in development only. A production build bundles each worker with the
      // plugins of `worker.plugins` alone: ours is added there, or workers would lose the
      // context in production only.
      config(config: { worker?: { plugins?: unknown } }) {
        if (forWorker.has(options)) return undefined;
        const meta = (this as { meta?: { rolldownVersion?: string } } | undefined)?.meta;
        const userWorkerPlugins = config.worker?.plugins;
        const workerOptions = { ...options };
        forWorker.add(workerOptions);
        return {
          optimizeDeps: meta?.rolldownVersion ? { rolldownOptions: { plugins: [unplugin.rolldown(options)] } } : { esbuildOptions: { plugins: [unplugin.esbuild(options)] } },
          // Vite flattens the list, awaiting what it holds.
          worker: { plugins: () => [withPlugin(userWorkerPlugins, () => unplugin.vite(workerOptions))] },
        };
      },
    },
    // The esbuild adapter runs onLoad for every file `onLoadFilter` matches: it is kept to scripts.
    transform: {
      // Rollup reads CommonJS through a plugin (@rollup/plugin-commonjs) that turns each file
      // into an ES module by its transform: the rewrite comes first, and sees the file as
      // written (a `.cjs` file in module syntax would not parse).
      order: meta.framework === 'rollup' ? ('pre' as const) : undefined,
      filter: {
        id: { include: options.include ?? [SCRIPT_ID, SCRIPT_QUERY], exclude: options.exclude },
        code: MAY_REWRITE,
      },
      handler(code, id) {
        if (options.node !== true && targetsNode(this, rolldownPlatform)) return null;
        const filename = scriptFilename(id);
        if (filename === undefined || isOwnFile(filename)) return null;
        let result;
        try {
          result = transformModule(code, filename, runtime);
        } catch (error) {
          // Syntax the parser does not know (Flow in a dependency, say): the bundler's own
          // parser has the last word on the file, which keeps its awaits untransformed.
          this.warn(`anyctx: ${filename} left untransformed: ${(error as Error).message}`);
          return null;
        }
        return result.changed ? { code: result.code, map: result.map } : null;
      },
    },
  };
});

/** The options of the plugins the Vite plugin adds to `worker.plugins` (which add none). */
const forWorker = new WeakSet<AnyctxPluginOptions>();

/** A Vite plugin, as Vite's `PluginOption` takes it (Vite is not a dependency to name it). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type VitePlugin = any;

/**
 * `worker.plugins` (a function, or an array before Vite 5) with ours added, unless it has one
 * named like ours already.
 */
async function withPlugin(plugins: unknown, make: () => unknown): Promise<VitePlugin[]> {
  const listed = typeof plugins === 'function' ? await (plugins as () => unknown)() : plugins;
  const flat = await flatten(listed);
  return flat.some((plugin) => (plugin as { name?: string } | null)?.name === 'anyctx') ? flat : [...flat, make()];
}

async function flatten(value: unknown): Promise<unknown[]> {
  const resolved = await value;
  if (!Array.isArray(resolved)) return resolved === undefined ? [] : [resolved];
  return (await Promise.all(resolved.map(flatten))).flat();
}

type NativeBuild = { framework: string; build?: PluginBuild; compiler?: WebpackLikeTarget };

/**
 * Whether the build a transform runs in runs on Node (build-target.ts). esbuild, webpack and
 * Rspack give their build to each call; Rolldown's platform was read when it started; Vite
 * does not apply the plugin to such environments at all.
 */
function targetsNode(context: { getNativeBuildContext?: () => unknown }, rolldownPlatform: string | undefined): boolean {
  const native = context.getNativeBuildContext?.() as NativeBuild | undefined;
  if (native?.framework === 'esbuild') return esbuildTargetsNode(native.build!);
  if (native?.framework === 'webpack' || native?.framework === 'rspack') return webpackTargetsNode(native.compiler!);
  return rolldownTargetsNode(rolldownPlatform);
}

/**
 * The file name that tells the parser the language, or undefined for what is no script of
 * ours: virtual modules (`\0…`, `virtual:…`), data URLs, styles, assets.
 */
function scriptFilename(id: string): string | undefined {
  if (id.includes('\0') || (/^[\w-]+:/.test(id) && !/^[a-zA-Z]:[\\/]/.test(id))) return undefined;
  const queryAt = id.search(/[?#]/);
  const path = queryAt === -1 ? id : id.slice(0, queryAt);
  if (SCRIPT_PATH.test(path)) return path;
  const lang = queryAt === -1 ? null : SCRIPT_QUERY.exec(id.slice(queryAt));
  return lang ? `${path}.${lang[1]}` : undefined;
}

function transformModule(code: string, filename: string, runtime: string) {
  // A file with neither module syntax nor `require` is still a module to a bundler, and the
  // helpers must come in as an import: a global would be read before the engine set it.
  return transform(code, { filename, runtime, plainFileHelpers: 'import' });
}

