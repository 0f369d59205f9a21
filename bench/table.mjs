// Turns the children's results into the Markdown tables of the per-operation and await
// measurements: one row per engine and Node version, absolute times with their ratio to the
// no-library baseline of the same run, the targets beside. Only the portable engine's cells
// are marked against the targets: the other rows are there to compare with.

export const TARGETS = {
  getStore: { limit: 4, text: '≤ 4 ns' },
  run: { limit: 20, text: '≤ 20 ns' },
  thenChain: { limit: 1.5, text: '≤ 1.5× baseline' },
  timers: { limit: 1.1, text: '≤ 1.1× baseline' },
  awaitNull: { limit: 1.1, text: '≤ 1.10× baseline' },
  awaitAsyncCall: { limit: 1.1, text: '≤ 1.10× baseline' },
};

const NOISY_SPREAD = 0.1;

// A child's error message may hold a `|`, which would split the cell.
export const failure = (outcome) => `failed: ${outcome.error.replaceAll('|', '\\|')}`;
const nanoseconds = (value) => (value < 10 ? value.toFixed(1) : value.toFixed(0));
export const times = (ratio) => `${ratio.toFixed(2)}×`;

// A time measured while losing the context meets no target, however short.
function marks(row, measurement, value, lost) {
  if (row.engine !== 'portable') return '';
  return value <= TARGETS[measurement].limit && lost === 0 ? ' ✓' : ' ✗';
}

// Caveats a reader must see in the cell itself. `summaries`: the engine's first.
function caveats(row, outcome, summaries) {
  const notes = [];
  const lost = row.engine === 'baseline' ? 0 : summaries[0].misses;
  if (lost > 0) notes.push(`⚠ context lost ${lost}×`);
  const spread = Math.max(...summaries.map((summary) => summary.spread));
  if (spread > NOISY_SPREAD) notes.push(`±${Math.round(spread * 100)}%`);
  if (outcome.failedRounds) notes.push(`${outcome.failedRounds} of its processes failed`);
  return notes.length ? ` (${notes.join(', ')})` : '';
}

// getStore / run: ns per call, and × the baseline engine on the same Node.
function perCallCell(row, baselineRow, measurement) {
  const outcome = row.results[measurement];
  if (outcome.error) return failure(outcome);
  const ns = outcome.median;
  const base = baselineRow?.results[measurement];
  const ratio = base && !base.error && row !== baselineRow ? ` (${times(ns / base.median)})` : '';
  return `${nanoseconds(ns)} ns${ratio}${marks(row, measurement, ns, outcome.misses)}${caveats(row, outcome, [outcome])}`;
}

// .then hops / timers: × the baseline measured in the same process, and ns per callback.
function versusBaselineCell(row, measurement) {
  const outcome = row.results[measurement];
  if (outcome.error) return failure(outcome);
  const perCallback = (outcome.engine.median * 1e6) / outcome.count;
  return `${times(outcome.ratio)} (${nanoseconds(perCallback)} ns each)${marks(row, measurement, outcome.ratio, outcome.engine.misses)}${caveats(row, outcome, [outcome.engine, outcome.baseline])}`;
}

// The no-library row on the same Node, if it was measured.
export const baselineRowOf = (rows, row) => rows.find((other) => other.engine === 'baseline' && other.node === row.node && !other.skipped);

export function formatTable(rows) {
  const header = [
    '| engine | Node | `getStore()` | `run(store, fn)` | 1e5 `.then` hops | 1e4 `setTimeout(0)` |',
    '|---|---|---|---|---|---|',
    `| **target** | | **${TARGETS.getStore.text}** | **${TARGETS.run.text}** | **${TARGETS.thenChain.text}** | **${TARGETS.timers.text}** |`,
  ];
  const lines = rows.map((row) => {
    const start = `| ${row.label} | ${row.nodeVersion ?? row.node} |`;
    if (row.skipped) return `${start} ${row.skipped} | | | |`;
    const baselineRow = baselineRowOf(rows, row);
    return `${start} ${perCallCell(row, baselineRow, 'getStore')} | ${perCallCell(row, baselineRow, 'run')} | ${versusBaselineCell(row, 'thenChain')} | ${versusBaselineCell(row, 'timers')} |`;
  });
  return [...header, ...lines].join('\n');
}

// The awaits: the portable engine runs the workload rewritten by the await transform.
export function formatAwaitTable(rows) {
  const header = [
    '| engine | Node | 1e5 × `await null` | 1e5 × `await asyncFn()` |',
    '|---|---|---|---|',
    `| **target** | | **${TARGETS.awaitNull.text}** | **${TARGETS.awaitAsyncCall.text}** |`,
  ];
  const lines = rows.map((row) => {
    const label = row.engine === 'portable' || row.engine === 'tracked' ? `${row.label} + await transform` : row.label;
    const start = `| ${label} | ${row.nodeVersion ?? row.node} |`;
    if (row.skipped) return `${start} ${row.skipped} | |`;
    return `${start} ${versusBaselineCell(row, 'awaitNull')} | ${versusBaselineCell(row, 'awaitAsyncCall')} |`;
  });
  return [...header, ...lines].join('\n');
}
