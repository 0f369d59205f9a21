// Source maps travel inside the code Node compiles: with source maps enabled, Node reads
// the last `sourceMappingURL` comment of a module and maps stack traces through it.

export interface RawSourceMap {
  version: number;
  sources: (string | null)[];
  sourcesContent?: (string | null)[] | null;
  mappings: string;
  names: string[];
  file?: string | null;
}

/** The code with its map appended on a new last line (earlier lines keep their numbers). */
export function withInlineSourceMap(code: string, map: RawSourceMap, sourceURL: string): string {
  const json = JSON.stringify({ ...map, sources: [sourceURL], file: undefined });
  return `${code}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(json).toString('base64')}\n`;
}
