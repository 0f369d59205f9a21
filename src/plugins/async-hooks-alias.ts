// `node:async_hooks` in a build for a platform without it: the bundler plugin resolves the
// import to asyncctx (the module the rewritten code takes its helpers from), so a library
// written for Node — OpenTelemetry's AsyncLocalStorageContextManager, a logger, a framework —
// gets the app's engine, whose context the rewritten awaits keep.
//
// Each bundler says in its own way what it builds for, so each gets its own hook. Where a
// bundler names no platform (Rollup), the import is left alone unless asked for.

import type { PluginBuild } from 'esbuild';
import { ASYNC_HOOKS } from '../transform/names';

export interface AliasSettings {
  /** true: always; false: never; undefined: where the build targets no Node platform. */
  enabled: boolean | undefined;
  /** What the import becomes: resolved by the bundler from the importing file, or else from
   * the project (a strict layout, pnpm's, gives a dependency no path to asyncctx). */
  runtime: string;
  /** The engine's own files keep Node's module (its Node entry is built on it). */
  isOwnFile: (filename: string) => boolean;
}

type ResolveContext = {
  resolve(source: string, importer?: string, options?: { skipSelf?: boolean }): Promise<{ id: string } | null>;
  environment?: { config?: { consumer?: string } };
};

/**
 * The Rollup-style hook (Rollup, Rolldown, Vite): ordered first, since resolvers of Node's
 * builtins (Vite's, @rollup/plugin-node-resolve) would otherwise answer before it. `applies`
 * tells, per call, whether this build wants the alias.
 */
export function rollupAliasHook(settings: AliasSettings, applies: (context: ResolveContext, ssr: boolean) => boolean) {
  return {
    order: 'pre' as const,
    filter: { id: ASYNC_HOOKS },
    async handler(this: ResolveContext, source: string, importer: string | undefined, options?: object) {
      if (!ASYNC_HOOKS.test(source) || settings.enabled === false) return null;
      if (importer !== undefined && settings.isOwnFile(importer)) return null;
      if (settings.enabled !== true && !applies(this, (options as { ssr?: boolean } | undefined)?.ssr === true)) return null;
      return (await this.resolve(settings.runtime, importer, { skipSelf: true })) ?? this.resolve(settings.runtime, undefined, { skipSelf: true });
    },
  };
}

/** Vite: client environments (the browser), not the server one of SSR. */
export const viteTargetsNoNode = (context: ResolveContext, ssr: boolean): boolean => {
  const consumer = context.environment?.config?.consumer;
  return consumer === undefined ? !ssr : consumer === 'client';
};

/** esbuild: every platform but 'node' ('browser' is esbuild's default, 'neutral' has no builtins). */
export function esbuildAlias(settings: AliasSettings): (build: PluginBuild) => void {
  return (build) => {
    if (settings.enabled === false || (settings.enabled !== true && build.initialOptions.platform === 'node')) return;
    build.onResolve({ filter: ASYNC_HOOKS }, async (args) => {
      if (args.importer !== '' && settings.isOwnFile(args.importer)) return undefined;
      let resolved = await build.resolve(settings.runtime, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer });
      if (resolved.errors.length > 0) resolved = await build.resolve(settings.runtime, { kind: args.kind, resolveDir: build.initialOptions.absWorkingDir ?? process.cwd() });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: resolved.path, namespace: resolved.namespace, sideEffects: resolved.sideEffects, external: resolved.external };
    });
  };
}

type WebpackLikeCompiler = {
  options: { externalsPresets: { node?: boolean; electronMain?: boolean; electronPreload?: boolean; electronRenderer?: boolean; nwjs?: boolean } };
  hooks: { afterEnvironment: { tap(name: string, callback: () => void): void } };
  webpack: { NormalModuleReplacementPlugin: new (pattern: RegExp, replacement: string) => { apply(compiler: never): void } };
};

/**
 * webpack and Rspack: the request is replaced before it is resolved (an alias would come
 * after webpack has refused the `node:` scheme), unless the target runs on Node (or
 * Electron's and NW.js's Node). The presets are known once the defaults are applied, after
 * plugins are.
 */
export function webpackAlias(settings: AliasSettings): (compiler: WebpackLikeCompiler) => void {
  return (compiler) => {
    compiler.hooks.afterEnvironment.tap('asyncctx', () => {
      const { node, electronMain, electronPreload, electronRenderer, nwjs } = compiler.options.externalsPresets;
      const hasNode = node || electronMain || electronPreload || electronRenderer || nwjs;
      if (settings.enabled === false || (settings.enabled !== true && hasNode)) return;
      new compiler.webpack.NormalModuleReplacementPlugin(ASYNC_HOOKS, settings.runtime).apply(compiler as never);
    });
  };
}
