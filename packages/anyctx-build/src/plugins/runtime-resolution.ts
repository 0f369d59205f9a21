// Where the rewritten code's helpers come from, and what `node:async_hooks` becomes.
//
// - The runtime (`anyctx/portable` by default) is resolved from the importing file, and
//   where that file has no path to it — a dependency in a strict layout (pnpm's), which
//   sees only its own dependencies — from the project. Every rewritten file, dependencies
//   included, imports it, so without this a strict layout could not build at all.
// - In a build for a platform without Node's module, `node:async_hooks` resolves to the
//   runtime too, so a library written for Node — OpenTelemetry's
//   AsyncLocalStorageContextManager, a logger, a framework — gets the app's engine, whose
//   context the rewritten awaits keep.
//
// Each bundler says in its own way what it builds for (build-target.ts), so each gets its own
// hook. Where a bundler names no platform (Rollup), `node:async_hooks` is left alone unless
// asked for.

import type { OnResolveArgs, PluginBuild } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ASYNC_HOOKS } from '../model/async-hooks-module';
import { PackageScopes } from '../model/package-scope';
import { esbuildTargetsNode, webpackTargetsNode, type WebpackLikeTarget } from './build-target';

export interface RuntimeSettings {
  /** Whether `node:async_hooks` becomes the runtime. true: always; false: never; undefined:
   * where the build targets no Node platform. */
  asyncHooks: boolean | undefined;
  runtime: string;
  /** The engine's own files keep Node's module (its Node entry is built on it). */
  isOwnFile: (filename: string) => boolean;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const exactly = (text: string) => new RegExp(`^${escapeRegExp(text)}$`);

type ResolveContext = {
  resolve(source: string, importer?: string, options?: { skipSelf?: boolean }): Promise<{ id: string } | null>;
  environment?: { config?: { consumer?: string } };
};

/**
 * The Rollup-style hook (Rollup, Rolldown, Vite): ordered first, since resolvers of Node's
 * builtins (Vite's, @rollup/plugin-node-resolve) would otherwise answer before it. `applies`
 * tells, per call, whether this build wants `node:async_hooks` resolved to the runtime.
 */
export function rollupRuntimeHook(settings: RuntimeSettings, applies: (context: ResolveContext, ssr: boolean) => boolean) {
  const isRuntime = exactly(settings.runtime);
  return {
    order: 'pre' as const,
    filter: { id: [ASYNC_HOOKS, isRuntime] },
    async handler(this: ResolveContext, source: string, importer: string | undefined, options?: object) {
      if (importer !== undefined && settings.isOwnFile(importer)) return null;
      if (!isRuntime.test(source)) {
        if (!ASYNC_HOOKS.test(source) || settings.asyncHooks === false) return null;
        if (settings.asyncHooks !== true && !applies(this, (options as { ssr?: boolean } | undefined)?.ssr === true)) return null;
      }
      // With no importer, the bundler resolves from the project (its root or working directory).
      return (await this.resolve(settings.runtime, importer, { skipSelf: true })) ?? this.resolve(settings.runtime, undefined, { skipSelf: true });
    },
  };
}

/** Marks esbuild's resolution of the runtime that our own hook asks for (not to answer it again). */
const FROM_ANYCTX = { anyctx: true };

/** esbuild: `node:async_hooks` on every platform but 'node' ('browser' is esbuild's default, 'neutral' has no builtins). */
export function esbuildRuntime(settings: RuntimeSettings): (build: PluginBuild) => void {
  return (build) => {
    const project = build.initialOptions.absWorkingDir ?? process.cwd();
    const resolveRuntime = async (args: OnResolveArgs) => {
      if (args.pluginData === FROM_ANYCTX || (args.importer !== '' && settings.isOwnFile(args.importer))) return undefined;
      let resolved = await build.resolve(settings.runtime, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: FROM_ANYCTX });
      if (resolved.errors.length > 0) resolved = await build.resolve(settings.runtime, { kind: args.kind, resolveDir: project, pluginData: FROM_ANYCTX });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: resolved.path, namespace: resolved.namespace, sideEffects: resolved.sideEffects, external: resolved.external };
    };
    build.onResolve({ filter: exactly(settings.runtime) }, resolveRuntime);
    if (settings.asyncHooks === false || (settings.asyncHooks !== true && esbuildTargetsNode(build))) return;
    build.onResolve({ filter: ASYNC_HOOKS }, resolveRuntime);
  };
}

type ResolveData = { request: string; context: string; contextInfo?: { issuer?: string } };

type WebpackLikeCompiler = WebpackLikeTarget & {
  context: string;
  hooks: {
    afterEnvironment: { tap(name: string, callback: () => void): void };
    normalModuleFactory: { tap(name: string, callback: (factory: { hooks: { beforeResolve: { tap(name: string, callback: (data: ResolveData) => void): void } } }) => void): void };
  };
};

/**
 * webpack and Rspack: each request is looked at before it is resolved (an alias would come
 * after webpack has refused the `node:` scheme). `node:async_hooks` becomes the runtime
 * unless the target runs on Node, known once the defaults are applied. The runtime is
 * resolved from the project's directory where the importing file's has no path to its
 * package.
 */
export function webpackRuntime(settings: RuntimeSettings): (compiler: WebpackLikeCompiler) => void {
  return (compiler) => {
    let aliasAsyncHooks = false;
    compiler.hooks.afterEnvironment.tap('anyctx', () => {
      aliasAsyncHooks = settings.asyncHooks === true || (settings.asyncHooks !== false && !webpackTargetsNode(compiler));
    });
    const sees = packageVisibility(settings.runtime);
    compiler.hooks.normalModuleFactory.tap('anyctx', (factory) => {
      factory.hooks.beforeResolve.tap('anyctx', (data) => {
        const issuer = data.contextInfo?.issuer;
        if (issuer && settings.isOwnFile(issuer)) return;
        if (aliasAsyncHooks && ASYNC_HOOKS.test(data.request)) data.request = settings.runtime;
        if (data.request === settings.runtime && sees !== undefined && !sees(data.context)) data.context = compiler.context;
      });
    });
  };
}

/**
 * For a bare `runtime` ('anyctx/portable'), whether its package can be found from a
 * directory as Node finds packages: in a `node_modules` of the directory or of a parent,
 * or as the package the directory is in. Undefined for a path, which resolves anywhere.
 */
function packageVisibility(runtime: string): ((directory: string) => boolean) | undefined {
  if (/^[./]|^[a-zA-Z]:[\\/]/.test(runtime)) return undefined;
  const name = runtime.split('/').slice(0, runtime.startsWith('@') ? 2 : 1).join('/');
  const installed = new Map<string, boolean>();
  const scopes = new PackageScopes();
  const installedFrom = (directory: string): boolean => {
    if (!installed.has(directory)) {
      const parent = dirname(directory);
      installed.set(directory, existsSync(join(directory, 'node_modules', name)) || (parent !== directory && installedFrom(parent)));
    }
    return installed.get(directory)!;
  };
  return (directory) => scopes.of(directory)?.name === name || installedFrom(directory);
}
