// What every bundler entry (vite, rollup, rolldown, esbuild, webpack, rspack) shares: the
// plugin's options, and unplugin's type of the plugins. unplugin is ES modules only: the
// attribute lets the CommonJS copy of this file (plugin.d.cts) read its types.

import type { UnpluginInstance } from 'unplugin' with { 'resolution-mode': 'import' };

/** Globs (matched against the module id, relative ones from the working directory) or
 * regular expressions. */
export type FilterPattern = string | RegExp | Array<string | RegExp>;

export interface AnyctxPluginOptions {
  /** Module ids to transform. Default: every JavaScript/TypeScript module. */
  include?: FilterPattern;
  /** Module ids never to transform; wins over `include`. */
  exclude?: FilterPattern;
  /** Where the rewritten code imports its helpers from (default 'anyctx/portable'): the
   * same module as the application's anyctx. */
  runtime?: string;
  /** Whether imports of `node:async_hooks` (or `async_hooks`) resolve to `runtime` instead,
   * so that libraries written for Node share the app's engine. Default: in builds for a
   * platform without Node's module (Rollup, which names no platform: always). */
  asyncHooks?: boolean;
  /** Whether builds that run on Node (Vite's SSR, `platform: 'node'`, a Node target) are
   * rewritten too, and so load the portable engine there. Default false: on Node, `anyctx`
   * is Node's own engine. */
  node?: boolean;
}

/** The plugin for each bundler, by the bundler's name. */
export type AnyctxPlugins = UnpluginInstance<AnyctxPluginOptions | undefined, false>;
