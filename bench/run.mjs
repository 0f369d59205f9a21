// Runs every benchmark, one child process per measurement and engine, prints the tables and
// writes them into docs/benchmarks.md between <!-- bench:start --> and <!-- bench:end -->.
// Usage: node bench/run.mjs [--rounds=N] [--http-rounds=N] [--http-seconds=S] [--no-readme]
//                           [--only=processes,http,transform,storages]
// (`npm run bench` builds dist/ first). About six minutes on 2 cores. --only runs some
// of the parts and leaves the main section of docs/benchmarks.md alone; the storages part
// has a section of its own (<!-- bench-storages:start --> … end), written whenever it runs.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { GENERATED, generateTransformedWorkloads } from './generate.mjs';
import { runHttpRounds } from './http.mjs';
import { DISTURBED_CORES, formatHttpTable } from './http-table.mjs';
import { formatAwaitTable, formatTable } from './table.mjs';
import { formatStoragesTable, STORAGE_COUNTS } from './storages-table.mjs';
import { formatTransformTable } from './transform-table.mjs';
import { STORAGES_MARKERS, writeBenchSection } from './write-readme.mjs';

const root = new URL('..', import.meta.url);
const CHILD = fileURLToPath(new URL('bench/child.mjs', root));
const TRANSFORM_THROUGHPUT = fileURLToPath(new URL('bench/transform-throughput.mjs', root));
const STORAGES = fileURLToPath(new URL('bench/storages.mjs', root));
const NODES = {
  20: fileURLToPath(new URL('node_modules/node20/bin/node', root)),
  24: fileURLToPath(new URL('node_modules/node24/bin/node', root)),
};
const PORTABLE_BUILT = existsSync(new URL('packages/anyctx/dist/', root));
const NOT_BUILT = 'not built: run `npm run build`';

const ENGINES = [
  { engine: 'baseline', node: 20, label: 'no library (plain variable)' },
  { engine: 'baseline', node: 24, label: 'no library (plain variable)' },
  { engine: 'native', node: 20, label: 'native `node:async_hooks`' },
  { engine: 'native', node: 24, label: 'native `node:async_hooks`' },
  { engine: 'portable', node: 20, label: '**portable** (`anyctx/portable`)' },
  { engine: 'portable', node: 24, label: '**portable** (`anyctx/portable`)' },
  // The per-operation and await workloads only: inside an active TaskTracker (bench/child.mjs).
  { engine: 'tracked', node: 20, label: 'portable, inside `tracker.run` (`anyctx/tracker`)', processesOnly: true },
  { engine: 'tracked', node: 24, label: 'portable, inside `tracker.run` (`anyctx/tracker`)', processesOnly: true },
];
const MEASUREMENTS = ['getStore', 'run', 'thenChain', 'timers', 'awaits'];
// A child that measures several columns at once returns { parts: { column: result } }.
const COLUMNS = { awaits: ['awaitNull', 'awaitAsyncCall'] };
const columnsOf = (measurement) => COLUMNS[measurement] ?? [measurement];

function numberOption(name, fallback) {
  const argument = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return argument === undefined ? fallback : Number(argument.slice(name.length + 3));
}
// Every measurement runs in this many processes (odd), in rounds over all engines, and the
// median one is kept: a burst of work from another program then spoils one process, not
// the row, and reaches all engines alike. About 35 s a round on 2 busy cores.
const ROUNDS = numberOption('rounds', 5);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1 || ROUNDS % 2 === 0) throw new Error('--rounds must be an odd number');
// The HTTP servers: HTTP_PROCESSES processes each, warmed up once, then HTTP_SECONDS of load
// in each of HTTP_ROUNDS rounds (the processes taking turns); about 14 s a round.
const HTTP_ROUNDS = numberOption('http-rounds', 9);
const HTTP_PROCESSES = 3;
const HTTP_SECONDS = numberOption('http-seconds', 2);
if (!Number.isInteger(HTTP_ROUNDS) || HTTP_ROUNDS < 1) throw new Error('--http-rounds must be a positive integer');
if (!(HTTP_SECONDS >= 1 && HTTP_SECONDS <= 60)) throw new Error('--http-seconds must be between 1 and 60');
const HTTP_OPTIONS = { processes: HTTP_PROCESSES, warmupSeconds: 2, seconds: HTTP_SECONDS, connections: 32, cwd: fileURLToPath(root) };
const PARTS = ['processes', 'http', 'transform', 'storages'];
const ONLY = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
if (ONLY?.some((part) => !PARTS.includes(part))) throw new Error(`--only takes some of ${PARTS.join(',')}`);
const runs = (part) => !ONLY || ONLY.includes(part);

// Runs a bench/ script on one Node; returns its last stdout line, parsed, or { error }.
// Children run with V8's default heap, as users do: fixing the young generation's size
// moved some ratios by 2× (a large nursery is cold in the cache, a small one promotes more).
function runChild(node, args, what) {
  const child = spawnSync(NODES[node], args, { cwd: fileURLToPath(root), encoding: 'utf8', timeout: 120_000 });
  const lastLine = (child.stdout ?? '').trim().split('\n').pop();
  if (child.status !== 0 || !lastLine) {
    const errorLine = (child.stderr ?? '').split('\n').find((line) => /Error/.test(line));
    const reason = child.error?.message ?? errorLine?.trim().slice(0, 100) ?? `exit code ${child.status}`;
    console.error(`${what} on Node ${node}: ${reason}`);
    return { error: reason };
  }
  return JSON.parse(lastLine);
}

function measure({ engine, node }, measurement) {
  const output = runChild(node, [CHILD, engine, measurement], `${engine}, ${measurement}`);
  if (output.error) return { nodeVersion: undefined, result: output };
  return { nodeVersion: output.node, result: output.result };
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

function makeRows() {
  const rows = ENGINES.map((config) => ({ ...config, nodePath: NODES[config.node], results: {}, rounds: {} }));
  for (const row of rows) {
    if ((row.engine === 'portable' || row.engine === 'tracked') && !PORTABLE_BUILT) {
      row.skipped = NOT_BUILT;
      console.error(`warning: packages/anyctx/dist/ does not exist, skipping the portable engine on Node ${row.node}`);
    }
  }
  return rows;
}

function runChildMeasurements(rows) {
  const measured = rows.filter((row) => !row.skipped);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const row of measured) {
      console.error(`round ${round}/${ROUNDS}: ${row.engine} on Node ${row.node}`);
      for (const measurement of MEASUREMENTS) {
        const { nodeVersion, result } = measure(row, measurement);
        row.nodeVersion ??= nodeVersion;
        for (const column of columnsOf(measurement)) {
          (row.rounds[column] ??= []).push(result.error ? result : result.parts?.[column] ?? result);
        }
      }
    }
  }
  for (const row of measured) {
    for (const [column, results] of Object.entries(row.rounds)) row.results[column] = medianResult(results);
  }
}

// Each engine with 1 to 1e5 storages, one process each, ROUNDS rounds; the median by time.
function runStorageCounts(rows) {
  const measured = rows.filter((row) => !row.skipped);
  const rounds = new Map();
  for (let round = 1; round <= ROUNDS; round++) {
    for (const row of measured) {
      console.error(`storages, round ${round}/${ROUNDS}: ${row.engine} on Node ${row.node}`);
      for (const count of STORAGE_COUNTS) {
        const output = runChild(row.node, ['--expose-gc', STORAGES, row.engine, String(count)], `${row.engine}, ${count} storages`);
        row.nodeVersion ??= output.node;
        const key = `${row.engine} ${row.node} ${count}`;
        rounds.set(key, [...(rounds.get(key) ?? []), output.error ? output : { ...output.result, median: output.result.msPerRuns }]);
      }
    }
  }
  for (const row of measured) {
    row.storages = Object.fromEntries(STORAGE_COUNTS.map((count) => [count, medianResult(rounds.get(`${row.engine} ${row.node} ${count}`))]));
  }
}

function runTransformThroughput() {
  return Object.keys(NODES).map((node) => {
    if (!PORTABLE_BUILT) return { node, skipped: NOT_BUILT };
    console.error(`transform throughput on Node ${node}`);
    const output = runChild(node, [TRANSFORM_THROUGHPUT], 'transform throughput');
    return output.error ? { node, result: output } : { node, nodeVersion: output.node, result: output.result };
  });
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
// The portable engine runs the await workloads and the HTTP handler as the await transform
// rewrites them; without the copies those measurements fail, the others still run.
if (PORTABLE_BUILT) {
  await generateTransformedWorkloads().catch((error) => console.error(`bench/generate.mjs: ${error.message}`));
}
const rows = makeRows();
if (runs('processes')) runChildMeasurements(rows);
const whole = rows.filter((row) => !row.processesOnly);
if (runs('http')) await runHttpRounds(whole.filter((row) => !row.skipped), { rounds: HTTP_ROUNDS, ...HTTP_OPTIONS });
const transformRuns = runs('transform') ? runTransformThroughput() : [];
if (runs('storages')) runStorageCounts(whole);
const versions = [...new Set(rows.map((row) => row.nodeVersion).filter(Boolean))].join(', ');
const minutes = ((Date.now() - startedAt) / 60_000).toFixed(1);
const corpus = transformRuns.find((run) => run.result?.corpus)?.result.corpus ?? [];

const header = `Measured ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run bench\` (${minutes} min) on Node ${versions}; ${machine()}; load average ${loadAtStart.toFixed(2)} at start. ✓/✗: the portable engine against the target. ±N%: the samples (or rounds) spread over 10% (median absolute deviation).`;

const processTables = () => `### Per operation

${formatTable(rows)}

Each measurement runs in a fresh process, ${ROUNDS} times in rounds over all engines; the median process is shown. Times are CPU time, the median of several samples after warm-up. \`getStore()\` (inside a \`run\`) and \`run(store, fn)\` (outside any): ns per call, × the no-library row on the same Node. \`.then\` hops (one chain started inside a \`run\`, built a thousand links at a time) and \`setTimeout(0)\` callbacks (scheduled inside a \`run\`), each reading \`getStore()\`: time × the same workload with the plain variable, measured in the same process before the engine was loaded, and ns per callback; timers count scheduling and firing, not the wait for the 1 ms timer to expire. The \`tracker.run\` rows: the portable engine with a \`TaskTracker\` active around each workload (\`run\` also enters the tracker, every timer is a tracked task); without one, a program pays nothing for the tracker (its layers are laid by the first \`new TaskTracker()\`).

### Native \`await\`

${formatAwaitTable(rows)}

1e5 awaits in one async function called inside a \`run\`, reading \`getStore()\` after each (and, for \`await asyncFn()\`, inside the called async function too): time × the same workload with the plain variable and untransformed code, measured in the same process before the engine was loaded (after the young generation has stopped growing), and ns per await. The portable engine runs the workload as \`transform()\` from \`anyctx-build/transform\` rewrites it (bench/.generated/); Node's own engine and the plain variable run it untransformed. Same processes and rounds as above.`;

const httpTable = () => `### HTTP server

${formatHttpTable(whole)}

A \`node:http\` server on 127.0.0.1, one \`run\` and three awaits of async functions (each reading \`getStore()\`) per request, loaded by autocannon (${HTTP_OPTIONS.connections} keep-alive connections) from a separate process under Node ${process.versions.node}. Each server runs in ${HTTP_PROCESSES} processes, which take turns from round to round (what V8 compiles differs between processes). All are started and warmed up (${HTTP_OPTIONS.warmupSeconds} s of load each), then loaded ${HTTP_SECONDS} s each in turn, ${HTTP_ROUNDS} rounds, each Node's no-library server just before its engines. Rounds during which other programs kept more than ${DISTURBED_CORES} of a core busy (from \`/proc/stat\`) are left out; each cell is the median of the others. Requests/s: per round; × no library: that over the no-library server's on the same Node; server CPU per request: the server process's CPU time over the requests it answered in a round (× the no-library server's; busy: that time over the wall-clock time). The server and the load share the 2 cores, so requests/s also depends on how fast the load process runs; CPU per request does not.`;

const transformTable = () => `### Transform throughput

${formatTransformTable(transformRuns)}

MB of source per second of CPU time, over the \`.js\`/\`.mjs\` files of ${corpus.map((directory) => `\`${directory}\``).join(' and ')}, the median of a few passes after a warm-up pass. \`parseSync(filename, code)\` with default options; \`transform(code, { filename })\` parses with oxc-parser too, then rewrites the files that have an \`await\` or \`yield\` (it returns the others after a regular-expression test) and, by default, builds a source map.`;

const storagesTable = () => `### Many storages

Measured ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC with \`node bench/run.mjs --only=storages\` on Node ${versions}; ${machine()}; load average ${loadAtStart.toFixed(2)} at start.

${formatStoragesTable(whole)}

With N storages created (and kept alive), the last one created does the work, in a fresh process each. Bytes: per pending \`setTimeout\`, each scheduled inside a \`run\` of its own (so each keeps a frame of its own, and a store object): the heap after full collections, 10,000 timers, over the heap before; the no-library row's timers keep no context. ms: 10,000 \`run(i, fn)\` calls, each \`fn\` reading \`getStore()\`, CPU time, the median of 15 samples after 0.3 s of warm-up; the no-library row's storages are plain variables. ${ROUNDS} processes per cell, in rounds over all engines; the median by time is shown.`;

const section = [
  header,
  runs('processes') && processTables(),
  runs('http') && httpTable(),
  runs('transform') && transformTable(),
]
  .filter(Boolean)
  .join('\n\n');

const mainParts = PARTS.filter((part) => part !== 'storages');
const mainSection = mainParts.some(runs) ? section : '';
if (mainSection) console.log(mainSection);
if (runs('storages')) console.log(storagesTable());
// Every round of every measurement, for a closer look than the tables give.
if (existsSync(GENERATED)) {
  writeFileSync(new URL('results.json', GENERATED), JSON.stringify({ startedAt, rows, transformRuns }, null, 1));
}
if (!process.argv.includes('--no-readme')) {
  if (ONLY && mainParts.some(runs)) {
    for (const part of mainParts.filter((part) => !runs(part))) console.error(`--only: ${part} not run, docs/benchmarks.md's main section not updated`);
  } else if (!ONLY) {
    if (writeBenchSection(section)) console.error('docs/benchmarks.md updated');
  }
  if (runs('storages') && writeBenchSection(storagesTable(), undefined, STORAGES_MARKERS)) console.error("docs/benchmarks.md's many-storages section updated");
}
