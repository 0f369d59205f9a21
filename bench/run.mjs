// Runs every benchmark, one child process per measurement and engine, prints the table and
// writes it into README.md between <!-- bench:start --> and <!-- bench:end -->.
// Usage: node bench/run.mjs [--rounds=N] [--no-readme]   (`npm run bench` builds dist/ first)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { formatTable } from './table.mjs';
import { writeBenchSection } from './write-readme.mjs';

const root = new URL('..', import.meta.url);
const CHILD = fileURLToPath(new URL('bench/child.mjs', root));
const NODES = {
  20: fileURLToPath(new URL('node_modules/node20/bin/node', root)),
  24: fileURLToPath(new URL('node_modules/node24/bin/node', root)),
};
const PORTABLE_BUILT = existsSync(new URL('dist/', root));

const ENGINES = [
  { engine: 'baseline', node: 20, label: 'no library (plain variable)' },
  { engine: 'baseline', node: 24, label: 'no library (plain variable)' },
  { engine: 'native', node: 20, label: 'native `node:async_hooks`' },
  { engine: 'native', node: 24, label: 'native `node:async_hooks`' },
  { engine: 'portable', node: 20, label: '**portable** (`asyncctx/portable`)' },
  { engine: 'portable', node: 24, label: '**portable** (`asyncctx/portable`)' },
];
const MEASUREMENTS = ['getStore', 'run', 'thenChain', 'timers'];
// Every measurement runs in this many processes (odd), in rounds over all engines, and the
// median one is kept: a burst of work from another program then spoils one process, not
// the row, and reaches all engines alike. About 20 s a round on 2 busy cores.
const ROUNDS = Number(process.argv.find((arg) => arg.startsWith('--rounds='))?.slice('--rounds='.length) ?? 5);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1 || ROUNDS % 2 === 0) throw new Error('--rounds must be an odd number');

// Children run with V8's default heap, as users do: fixing the young generation's size
// moved some ratios by 2× (a large nursery is cold in the cache, a small one promotes more).
function measure({ engine, node }, measurement) {
  const child = spawnSync(NODES[node], [CHILD, engine, measurement], {
    cwd: fileURLToPath(root),
    encoding: 'utf8',
    timeout: 120_000,
  });
  const lastLine = (child.stdout ?? '').trim().split('\n').pop();
  if (child.status !== 0 || !lastLine) {
    const errorLine = (child.stderr ?? '').split('\n').find((line) => /Error/.test(line));
    const reason = child.error?.message ?? errorLine?.trim().slice(0, 100) ?? `exit code ${child.status}`;
    console.error(`${engine} on Node ${node}, ${measurement}: ${reason}`);
    return { nodeVersion: undefined, result: { error: reason } };
  }
  const { node: nodeVersion, result } = JSON.parse(lastLine);
  return { nodeVersion, result };
}

// The result whose headline number (ratio, or ns per call) is the median of the rounds
// that succeeded (a round can fail while dist/ is being rebuilt); a failure only if all did.
function medianResult(results) {
  const succeeded = results.filter((result) => !result.error);
  if (succeeded.length === 0) return results[0];
  const headline = (result) => result.ratio ?? result.median;
  const chosen = succeeded.sort((a, b) => headline(a) - headline(b))[(succeeded.length - 1) >> 1];
  return { ...chosen, failedRounds: results.length - succeeded.length };
}

function runAll() {
  const rows = ENGINES.map((config) => ({ ...config, results: {}, rounds: {} }));
  for (const row of rows) {
    if (row.engine === 'portable' && !PORTABLE_BUILT) {
      row.skipped = 'not built: run `npm run build`';
      console.error(`warning: dist/ does not exist, skipping the portable engine on Node ${row.node}`);
    }
  }
  const measured = rows.filter((row) => !row.skipped);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const row of measured) {
      console.error(`round ${round}/${ROUNDS}: ${row.engine} on Node ${row.node}`);
      for (const measurement of MEASUREMENTS) {
        const { nodeVersion, result } = measure(row, measurement);
        row.nodeVersion ??= nodeVersion;
        (row.rounds[measurement] ??= []).push(result);
      }
    }
  }
  for (const row of measured) {
    for (const measurement of MEASUREMENTS) row.results[measurement] = medianResult(row.rounds[measurement]);
  }
  return rows;
}

function machine() {
  const cpus = os.cpus();
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${os.platform()} ${os.arch()}, ${Math.round(os.totalmem() / 2 ** 30)} GB`;
}

const loadAtStart = os.loadavg()[0];
if (loadAtStart > 0.5) {
  console.error(`warning: load average ${loadAtStart.toFixed(2)}: other processes are using the CPU, numbers will be noisy`);
}
const startedAt = new Date();
const rows = runAll();
const versions = [...new Set(rows.map((row) => row.nodeVersion).filter(Boolean))].join(', ');

const section = `${formatTable(rows)}

Measured ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run bench\` on Node ${versions}; ${machine()}; load average ${loadAtStart.toFixed(2)} at start.

Each measurement runs in a fresh process, ${ROUNDS} times in rounds over all engines; the median process is shown. Times are CPU time, the median of several samples after warm-up. \`getStore()\` (inside a \`run\`) and \`run(store, fn)\` (outside any): ns per call, × the no-library row on the same Node. \`.then\` hops (one chain started inside a \`run\`, built a thousand links at a time) and \`setTimeout(0)\` callbacks (scheduled inside a \`run\`), each reading \`getStore()\`: time × the same workload with the plain variable, measured in the same process before the engine was loaded, and ns per callback; timers count scheduling and firing, not the wait for the 1 ms timer to expire. ±N%: the samples spread over 10% (median absolute deviation). ✓/✗: the portable engine against the target.`;

console.log(section);
if (!process.argv.includes('--no-readme')) {
  if (writeBenchSection(section)) console.error('README.md updated');
}
