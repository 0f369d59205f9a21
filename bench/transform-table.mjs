// The transform throughput table: MB of source per second of CPU time on each Node, for a
// plain parse and for the await transform (with and without its source map).
import { failure } from './table.mjs';

const rate = (operation) => `${operation.megabytesPerSecond.toFixed(1)} MB/s`;

export function formatTransformTable(runs) {
  const header = [
    '| Node | files | oxc-parser `parseSync` | `transform()` | `transform()`, `sourceMap: false` |',
    '|---|---|---|---|---|',
  ];
  const lines = runs.map(({ node, nodeVersion, result, skipped }) => {
    const start = `| ${nodeVersion ?? node} |`;
    if (skipped) return `${start} ${skipped} | | | |`;
    if (result.error) return `${start} ${failure(result)} | | | |`;
    const files = `${result.files} (${(result.bytes / 1e6).toFixed(1)} MB, ${result.rewritten} rewritten)`;
    const versusParse = (operation) => ` (${(operation.seconds / result.parseSync.seconds).toFixed(2)}× the parse's time)`;
    return `${start} ${files} | ${rate(result.parseSync)} | ${rate(result.transform)}${versusParse(result.transform)} | ${rate(result.transformNoMap)}${versusParse(result.transformNoMap)} |`;
  });
  return [...header, ...lines].join('\n');
}
