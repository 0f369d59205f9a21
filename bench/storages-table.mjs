// The table of bench/storages.mjs: for each engine and Node, bytes per pending timer and ms
// per 10,000 runs with 1, 10, 1e3 and 1e5 live storages (the last one created doing the work).
import { failure } from './table.mjs';

export const STORAGE_COUNTS = [1, 10, 1e3, 1e5];

const countLabel = (count) => (count < 1000 ? `${count}` : `1e${Math.log10(count)}`);
const bytes = (value) => `${Math.round(value)} B`;
const ms = (value) => (value < 10 ? value.toFixed(2) : value.toFixed(0));

function cell(outcome) {
  if (outcome === undefined) return '';
  if (outcome.error) return failure(outcome);
  const lost = outcome.misses > 0 ? ` (⚠ context lost ${outcome.misses}×)` : '';
  return `${bytes(outcome.bytesPerTimer)} · ${ms(outcome.msPerRuns)} ms${lost}`;
}

/** rows: { label, node, nodeVersion, skipped, storages: { [count]: result } } */
export function formatStoragesTable(rows) {
  const header = [
    `| engine | Node | ${STORAGE_COUNTS.map((count) => `${countLabel(count)} storage${count === 1 ? '' : 's'}`).join(' | ')} |`,
    `|---|---|${STORAGE_COUNTS.map(() => '---').join('|')}|`,
  ];
  const lines = rows.map((row) => {
    const start = `| ${row.label} | ${row.nodeVersion ?? row.node} |`;
    if (row.skipped) return `${start} ${row.skipped} |${' |'.repeat(STORAGE_COUNTS.length - 1)}`;
    return `${start} ${STORAGE_COUNTS.map((count) => cell(row.storages?.[count])).join(' | ')} |`;
  });
  return [...header, ...lines].join('\n');
}
