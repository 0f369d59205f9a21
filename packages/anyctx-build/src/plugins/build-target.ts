// Whether a build runs on Node, as each bundler tells it. Where it does, `anyctx` resolves
// to Node's own engine, which keeps the context across native awaits by itself: the plugin
// leaves the awaits as they are (a rewrite would load the portable engine beside it) and
// `node:async_hooks` as Node's module. Rollup names no platform: its builds never say so.

import type { PluginBuild } from 'esbuild';

/** esbuild: the 'node' platform ('browser' is the default, 'neutral' has no builtins). */
export const esbuildTargetsNode = (build: PluginBuild): boolean => build.initialOptions.platform === 'node';

/** Rolldown: the 'node' platform, read in the options hook (the default is 'browser'). */
export const rolldownTargetsNode = (platform: string | undefined): boolean => platform === 'node';

export type WebpackLikeTarget = {
  options: { externalsPresets: { node?: boolean; electronMain?: boolean; electronPreload?: boolean; electronRenderer?: boolean; nwjs?: boolean } };
};

/**
 * webpack and Rspack: a Node target, or Electron's and NW.js's, which have Node in them. The
 * presets tell, once the defaults are applied (after plugins are, before the first module).
 */
export function webpackTargetsNode(compiler: WebpackLikeTarget): boolean {
  const { node, electronMain, electronPreload, electronRenderer, nwjs } = compiler.options.externalsPresets;
  return Boolean(node || electronMain || electronPreload || electronRenderer || nwjs);
}

export type ViteEnvironment = { config: { consumer?: string; resolve?: { conditions?: readonly string[] } } };

/** Vite (6 and later): a server environment that runs on Node, SSR by default (its resolve conditions include `node`). */
export const viteRunsOnNode = ({ config }: ViteEnvironment): boolean =>
  config.consumer === 'server' && (config.resolve?.conditions ?? []).includes('node');

/** Vite, for `node:async_hooks`: client environments (the browser), not the server one of SSR. */
export function viteTargetsNoNode(context: { environment?: { config?: { consumer?: string } } }, ssr: boolean): boolean {
  const consumer = context.environment?.config?.consumer;
  return consumer === undefined ? !ssr : consumer === 'client';
}
