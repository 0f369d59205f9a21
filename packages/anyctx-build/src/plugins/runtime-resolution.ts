// Where the rewritten code's helpers come from, and what `node:async_hooks` becomes.
//
// - One engine per bundle: every request for the engine — the app's `anyctx`, the helpers
//   the rewritten awaits import (by `import`, or by `require()` in a CommonJS file),
//   `node:async_hooks` where it becomes the runtime — resolves as an ES import, whatever
//   asked for it. The runtime's package has a CommonJS and an ES build for each condition:
//   resolved by the kind of request, a `require()` and an `import` would each get one, two
//   engines each keeping only its own storages across the awaits the other's helpers
//   rewrote. Every bundler can require an ES module.
// - The runtime (`anyctx/portable` by default) is resolved from the importing file, and
//   where that file has no path to it — a dependency in a strict layout (pnpm's), which
//   sees only its own dependencies — from the project. Every rewritten file, dependencies
//   included, imports it, so without this a strict layout could not build at all.
// - In a build for a platform without Node's module, `node:async_hooks` resolves to the
//   runtime too, so a library written for Node — OpenTelemetry's
//   AsyncLocalStorageContextManager, a logger, a framework — gets the app's engine, whose
//   context the rewritten awaits keep. Node's `events`, which such libraries require too
//   (OpenTelemetry's manager does), resolves to the app's `events` package where it has one,
//   else to the one anyctx-build depends on.
//
// Each bundler says in its own way what it builds for (build-target.ts), so each gets its own
// hook. Rollup names no platform: its builds are all taken as builds for one without Node,
// as its transform takes them (`asyncHooks: false` leaves Node's module alone).

import type { OnResolveArgs, PluginBuild } from 'esbuild';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import { ASYNC_HOOKS } from '../model/async-hooks-module';
import { distURL } from '../register/own-files';
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

/** The engine's public entries, besides `runtime`: resolved as ES imports too. */
const ENGINE_ENTRIES = /^anyctx(?:\/portable)?$/;
/** What asks for the engine: its entries and `runtime` (node:async_hooks is asked for apart). */
const engineRequest = (runtime: string) => new RegExp(`${ENGINE_ENTRIES.source}|^${escapeRegExp(runtime)}$`);

/** Node's `events` module, by either name. */
export const EVENTS = /^(?:node:)?events$/;

let ownEvents: string | undefined;
/** The file of the `events` package anyctx-build depends on (found from its own dist/). */
export function eventsPackage(): string {
  return (ownEvents ??= createRequire(new URL('index.js', distURL())).resolve('events/'));
}

/** Whether a resolution found a file of the bundle (not an external, a builtin or a stub). */
const isFile = (id: string | undefined) => id !== undefined && isAbsolute(id.replace(/[?#].*$/, ''));

type ResolveContext = {
  resolve(source: string, importer?: string, options?: { skipSelf?: boolean; custom?: Record<string, unknown> }): Promise<{ id: string; external?: boolean | 'absolute' | 'relative' } | null>;
  environment?: { config?: { consumer?: string } };
};

/**
 * The Rollup-style hook (Rollup, Rolldown, Vite): ordered first, since resolvers of Node's
 * builtins (Vite's, @rollup/plugin-node-resolve) would otherwise answer before it. `applies`
 * tells, per call, whether this build wants `node:async_hooks` resolved to the runtime.
 * `this.resolve` is asked without the kind of request (a CommonJS plugin's `require` flag
 * included), so each of the engine's entries resolves to its ES build.
 */
export function rollupRuntimeHook(settings: RuntimeSettings, applies: (context: ResolveContext, ssr: boolean) => boolean) {
  const isEngine = engineRequest(settings.runtime);
  return {
    order: 'pre' as const,
    filter: { id: [ASYNC_HOOKS, EVENTS, isEngine] },
    async handler(this: ResolveContext, source: string, importer: string | undefined, options?: object) {
      if (importer !== undefined && settings.isOwnFile(importer)) return null;
      if (ASYNC_HOOKS.test(source) || EVENTS.test(source)) {
        if (settings.asyncHooks === false) return null;
        if (settings.asyncHooks !== true && !applies(this, (options as { ssr?: boolean } | undefined)?.ssr === true)) return null;
      }
      const custom = (options as { custom?: Record<string, object | undefined> } | undefined)?.custom;
      if (EVENTS.test(source)) {
        const found = await this.resolve('events', importer, { skipSelf: true, custom });
        return found && !found.external && isFile(found.id) ? found : { id: eventsPackage() };
      }
      const request = ASYNC_HOOKS.test(source) ? settings.runtime : source;
      // What other plugins asked is passed on, but an import it is: @rollup/plugin-commonjs
      // marks a `require()` for @rollup/plugin-node-resolve, which would pick the CommonJS build.
      const asImport = { skipSelf: true, custom: { ...custom, 'node-resolve': { ...custom?.['node-resolve'], isRequire: false } } };
      const found = await this.resolve(request, importer, asImport);
      // With no importer, the bundler resolves from the project (its root or working directory).
      return found ?? (request === settings.runtime ? this.resolve(request, undefined, asImport) : null);
    },
  };
}

/** Marks esbuild's resolution of the runtime that our own hook asks for (not to answer it again). */
const FROM_ANYCTX = { anyctx: true };

/** esbuild: `node:async_hooks` on every platform but 'node' ('browser' is esbuild's default, 'neutral' has no builtins). */
export function esbuildRuntime(settings: RuntimeSettings): (build: PluginBuild) => void {
  return (build) => {
    const project = build.initialOptions.absWorkingDir ?? process.cwd();
    const ours = (args: OnResolveArgs) => args.pluginData === FROM_ANYCTX || (args.importer !== '' && settings.isOwnFile(args.importer));
    /** `request` as an ES import from the importer, else (the runtime only) from the project. */
    const resolveAsImport = async (request: string, args: OnResolveArgs) => {
      const kind = 'import-statement' as const;
      let resolved = await build.resolve(request, { kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: FROM_ANYCTX });
      if (resolved.errors.length > 0 && request === settings.runtime) resolved = await build.resolve(request, { kind, resolveDir: project, pluginData: FROM_ANYCTX });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: resolved.path, namespace: resolved.namespace, sideEffects: resolved.sideEffects, external: resolved.external };
    };
    build.onResolve({ filter: engineRequest(settings.runtime) }, (args) => (ours(args) ? undefined : resolveAsImport(args.path, args)));
    if (settings.asyncHooks === false || (settings.asyncHooks !== true && esbuildTargetsNode(build))) return;
    build.onResolve({ filter: ASYNC_HOOKS }, (args) => (ours(args) ? undefined : resolveAsImport(settings.runtime, args)));
    build.onResolve({ filter: EVENTS }, async (args) => {
      if (ours(args)) return undefined;
      const found = await build.resolve('events', { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: FROM_ANYCTX });
      return found.errors.length === 0 && !found.external && isFile(found.path) ? { path: found.path, namespace: found.namespace, sideEffects: found.sideEffects } : { path: eventsPackage() };
    });
  };
}

type ResolveData = { request: string; context: string; contextInfo?: { issuer?: string } };

type ResolveCallback = (error: Error | null, result?: string | false) => void;
type WebpackLikeCompiler = WebpackLikeTarget & {
  context: string;
  resolverFactory: { get(type: 'normal', options: { dependencyType: string }): { resolve(context: object, path: string, request: string, resolveContext: object, callback: ResolveCallback): void } };
  hooks: {
    afterEnvironment: { tap(name: string, callback: () => void): void };
    normalModuleFactory: { tap(name: string, callback: (factory: { hooks: { beforeResolve: { tapPromise(name: string, callback: (data: ResolveData) => Promise<void>): void } } }) => void): void };
  };
};

/**
 * webpack and Rspack: each request is looked at before it is resolved (an alias would come
 * after webpack has refused the `node:` scheme). `node:async_hooks` becomes the runtime
 * unless the target runs on Node, known once the defaults are applied. The engine's entries
 * become the file the bundler's resolver finds for an ES import (a `require()` would get the
 * CommonJS build), from the importing file's directory, or for the runtime from the
 * project's where that directory has no path to its package.
 */
export function webpackRuntime(settings: RuntimeSettings): (compiler: WebpackLikeCompiler) => void {
  return (compiler) => {
    let aliasAsyncHooks = false;
    compiler.hooks.afterEnvironment.tap('anyctx', () => {
      aliasAsyncHooks = settings.asyncHooks === true || (settings.asyncHooks !== false && !webpackTargetsNode(compiler));
    });
    const sees = packageVisibility(settings.runtime);
    const isEngine = engineRequest(settings.runtime);
    const resolve = (request: string, directory: string, dependencyType: string) =>
      new Promise<string | undefined>((done) =>
        compiler.resolverFactory.get('normal', { dependencyType }).resolve({}, directory, request, {}, (error, result) => done(error || !result ? undefined : result)));
    compiler.hooks.normalModuleFactory.tap('anyctx', (factory) => {
      factory.hooks.beforeResolve.tapPromise('anyctx', async (data) => {
        const issuer = data.contextInfo?.issuer;
        if (issuer && settings.isOwnFile(issuer)) return;
        if (aliasAsyncHooks && EVENTS.test(data.request)) {
          const found = await resolve('events', data.context, 'commonjs');
          data.request = found !== undefined && isFile(found) ? found : eventsPackage();
          return;
        }
        if (aliasAsyncHooks && ASYNC_HOOKS.test(data.request)) data.request = settings.runtime;
        if (!isEngine.test(data.request)) return;
        if (data.request === settings.runtime && sees !== undefined && !sees(data.context)) data.context = compiler.context;
        // Left to the bundler where it finds nothing: its error names the request.
        const file = await resolve(data.request, data.context, 'esm');
        if (file !== undefined) data.request = file;
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
