// The HTTP table: requests per second of each server, × the no-library server on the same
// Node, and the server's CPU time per request, which the load generator's speed does not
// cap; each the median of the server's rounds. Rounds during which other programs kept
// more than DISTURBED_CORES busy (bench/http.mjs reads that from /proc/stat) are left out:
// the server and the load then share one core, and requests/s falls by half whatever the
// engine. If every round of a server was disturbed, all are used and the cell says so.
// Medians rather than best rounds: even undisturbed rounds of one server spread by 20% and
// more on a shared machine, and the best of a few is the most scattered of their statistics.
import { median } from './sampling.mjs';
import { baselineRowOf, failure, times } from './table.mjs';

export const HTTP_TARGET = { limit: 0.95, text: '≥ 0.95× no library' };
export const DISTURBED_CORES = 0.2;

const NOISY_SPREAD = 0.1;

const succeeded = (round) => round && !round.error;
const undisturbed = (round) => succeeded(round) && !(round.othersCores > DISTURBED_CORES);
const thousands = (value) => Math.round(value).toLocaleString('en-US');
const relativeSpread = (values) => {
  const centre = median(values);
  return median(values.map((value) => Math.abs(value - centre))) / centre;
};

// The rounds to use: the undisturbed ones, or else all that succeeded.
function usableRounds(rounds) {
  const clean = rounds.filter(undisturbed);
  return clean.length > 0 ? { used: clean, allDisturbed: false } : { used: rounds.filter(succeeded), allDisturbed: true };
}

// The medians of the usable rounds. Undefined if there are none.
function typical(row) {
  const { used, allDisturbed } = usableRounds(row.http.rounds);
  if (used.length === 0) return undefined;
  return {
    requestsPerSecond: median(used.map((round) => round.requestsPerSecond)),
    spread: relativeSpread(used.map((round) => round.requestsPerSecond)),
    serverCpuShare: median(used.map((round) => round.serverCpuShare)),
    cpuNsPerRequest: median(used.map((round) => round.cpuNsPerRequest)),
    // Every round counts here: a context lost in a disturbed round is lost all the same.
    lost: row.http.rounds.filter(succeeded).reduce((total, round) => total + round.misses, 0),
    errors: row.http.rounds.filter(succeeded).reduce((total, round) => total + round.errors, 0),
    used: used.length,
    allDisturbed,
  };
}

function cells(row, baselineRow) {
  const rounds = row.http.rounds;
  const own = typical(row);
  if (!own) return [failure(rounds.find((round) => round.error)), '', ''];
  const notes = [];
  const lost = row.engine === 'baseline' ? 0 : own.lost;
  if (lost > 0) notes.push(`⚠ context lost ${lost}×`);
  if (own.errors > 0) notes.push(`${own.errors} failed requests`);
  if (own.spread > NOISY_SPREAD) notes.push(`±${Math.round(own.spread * 100)}%`);
  const failed = rounds.filter((round) => !succeeded(round)).length;
  if (failed > 0) notes.push(`${failed} of ${rounds.length} rounds failed`);
  const disturbed = rounds.length - failed - own.used;
  if (own.allDisturbed) notes.push('⚠ other programs busy in every round');
  else if (disturbed > 0) notes.push(`${disturbed} of ${rounds.length} rounds left out: other programs busy`);
  const noteText = notes.length ? ` (${notes.join(', ')})` : '';

  const base = baselineRow && row !== baselineRow ? typical(baselineRow) : undefined;
  let ratioCell = '';
  let cpuRatio = '';
  if (base) {
    const ratio = own.requestsPerSecond / base.requestsPerSecond;
    const mark = row.engine === 'portable' ? (ratio >= HTTP_TARGET.limit && lost === 0 ? ' ✓' : ' ✗') : '';
    ratioCell = `${times(ratio)}${mark}`;
    cpuRatio = `${times(own.cpuNsPerRequest / base.cpuNsPerRequest)}, `;
  }
  const cpuCell = `${(own.cpuNsPerRequest / 1000).toFixed(1)} µs (${cpuRatio}${Math.round(own.serverCpuShare * 100)}% busy)`;
  return [`${thousands(own.requestsPerSecond)}${noteText}`, ratioCell, cpuCell];
}

export function formatHttpTable(rows) {
  const header = [
    '| server | Node | requests/s | × no library | server CPU per request |',
    '|---|---|---|---|---|',
    `| **target** | | | **${HTTP_TARGET.text}** | |`,
  ];
  const lines = rows.map((row) => {
    const label = row.engine === 'portable' ? `${row.label} + await transform` : row.label;
    const start = `| ${label} | ${row.nodeVersion ?? row.node} |`;
    if (row.skipped) return `${start} ${row.skipped} | | |`;
    if (!row.http) return `${start} not measured | | |`;
    return `${start} ${cells(row, baselineRowOf(rows, row)).join(' | ')} |`;
  });
  return [...header, ...lines].join('\n');
}
