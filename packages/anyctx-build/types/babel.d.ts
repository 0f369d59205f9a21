// `anyctx-build/babel`: the await transform as a Babel plugin, for Metro (React Native) and
// other Babel pipelines. List it in `plugins`, so that it runs before the presets.

export interface AnyctxBabelOptions {
  /** Where the helpers come from (default 'anyctx/portable'). It must resolve, from every
   * transformed file, to the same module as the application's anyctx. */
  runtime?: string;
  /** How the helpers are brought in: an ESM import, a CommonJS require, or the global the
   * portable engine sets (for scripts). Default: 'import' for files with module syntax and
   * files Babel parsed as modules without CommonJS in them, 'require' for CommonJS files,
   * 'global' for scripts. */
  helpers?: 'import' | 'require' | 'global';
  /** The style for a file with neither module syntax nor CommonJS (default: 'import' if
   * Babel parsed it as a module, else 'global'). */
  plainFileHelpers?: 'import' | 'global';
  /** Whether imports and `require()`s of `node:async_hooks` (or `async_hooks`) name `runtime`
   * instead (default false; for React Native and other platforms without Node's module). */
  asyncHooks?: boolean;
}

/** What Babel hands a plugin, as far as this one reads it (`types` is @babel/types, which
 * this package does not depend on). */
export interface BabelPluginApi {
  types: object;
  assertVersion(range: number | string): void;
}

/** The plugin: Babel calls it with its API and the options the configuration gives. */
export declare function anyctxBabelPlugin(api: BabelPluginApi, options?: AnyctxBabelOptions): { name: string; visitor: object };
export default anyctxBabelPlugin;
