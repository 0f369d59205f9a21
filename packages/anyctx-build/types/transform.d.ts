// `anyctx-build/transform`: the await rewrite, for build tools and module loaders. Written by
// hand, like every declaration of this folder: the build copies them to dist/types as .d.ts
// (for `import`) and .d.cts (for `require`); conformance.ts holds the sources to them.

/** Where the rewritten code's helpers come from: an ESM import, a CommonJS require, or the
 * global the portable engine sets (for scripts). */
export type HelperStyle = 'import' | 'require' | 'global';

export interface TransformOptions {
  /** Used to pick the language (.ts, .tsx, .jsx, …) and as the source name in the map. */
  filename?: string;
  /** Emit a source map (default true). */
  sourceMap?: boolean;
  /** Where the helpers come from (default 'anyctx/portable'). */
  runtime?: string;
  /** How the helpers are brought in. Default: 'import' for files with module syntax,
   * 'require' for CommonJS files, 'global' otherwise. */
  helpers?: HelperStyle;
  /** The style for a file with neither module syntax nor CommonJS (default 'global'). A
   * bundler treats every file as a module, so its plugins ask for 'import'. */
  plainFileHelpers?: 'import' | 'global';
}

/** A source map (version 3), as magic-string makes it. */
export interface SourceMap {
  version: number;
  file: string | undefined;
  sources: string[];
  sourcesContent: Array<string | null> | undefined;
  names: string[];
  mappings: string;
  x_google_ignoreList: number[] | undefined;
  debugId: string | undefined;
  rangeMappings: string | undefined;
  /** The map as JSON. */
  toString(): string;
  /** The map as a data: URL. */
  toUrl(): string;
}

export interface TransformResult {
  code: string;
  /** The map from `code` to the input, unless the `sourceMap` option is false. */
  map: SourceMap | null;
  /** Whether anything was rewritten. */
  changed: boolean;
}

/** Rewrites every `await` (and async generator's `yield`, `for await`, `await using`) of
 * `code` so that the context survives it, inserting calls of the runtime's helpers. */
export declare function transform(code: string, options?: TransformOptions): TransformResult;
