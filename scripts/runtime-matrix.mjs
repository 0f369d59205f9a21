// The runtime compatibility matrix: every differential scenario (test/scenarios/), bundled
// with esbuild, runs on every runtime of test/runtimes/ with the portable engine and, where
// the runtime has node:async_hooks, with the runtime's own AsyncLocalStorage ("native");
// each output is compared with the oracle (Node 24's own async_hooks on the original file).
// Writes test/runtimes/matrix-results.json and the table between the matrix markers of
// docs/runtimes.md.
//
// A scenario needing an API a runtime lacks (test/runtimes/scenario-needs.mjs) is "n/a" there.
// Browsers add the 'web' group: the web task sources of test/browser/, expected per docs/semantics.md §2.
//
//   node scripts/runtime-matrix.mjs [--runtime bun,deno] [--group als,await] [--no-readme]
//                                   [--out results.json]
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleScenario, root } from '../test/runtimes/bundle.mjs';
import { runtimes } from '../test/runtimes/index.mjs';
import { runProcess } from '../test/runtimes/run-process.mjs';
import { renderMarkdown, writeIntoPage } from '../test/runtimes/matrix-table.mjs';
import { needsOf, notApplicable } from '../test/runtimes/scenario-needs.mjs';

const { values: options } = parseArgs({
  options: {
    runtime: { type: 'string' },
    group: { type: 'string' },
    'no-readme': { type: 'boolean', default: false },
    out: { type: 'string' },
    parallel: { type: 'string', default: '2' }, // the CI machines have two cores
  },
});
const only = (list) => (list ? new Set(list.split(',')) : undefined);
const wantedRuntimes = only(options.runtime);
const wantedGroups = only(options.group);

const scenariosDir = join(root, 'test', 'scenarios');
const oracleNode = join(root, 'node_modules', 'node24', 'bin', 'node');

function readMarker(file) {
  const firstLine = readFileSync(file, 'utf8').split('\n', 1)[0];
  const marker = /^\/\/\s*(waits-for|known-difference):\s*(.+?)\s*$/.exec(firstLine);
  if (marker === null || (marker[1] === 'waits-for' && marker[2] === 'transform')) return {};
  // A known difference is the portable engine's; the native engines run the scenario.
  return marker[1] === 'known-difference' ? { portableSkip: `known difference: ${marker[2]}` } : { skip: `waits for ${marker[2]}` };
}

function listScenarios() {
  const found = [];
  for (const group of readdirSync(scenariosDir, { withFileTypes: true })) {
    if (!group.isDirectory() || group.name.startsWith('_')) continue;
    if (wantedGroups && !wantedGroups.has(group.name)) continue;
    for (const file of readdirSync(join(scenariosDir, group.name)).sort()) {
      if (!/\.(mjs|cjs)$/.test(file)) continue;
      const path = join(scenariosDir, group.name, file);
      const needs = needsOf(readFileSync(path, 'utf8'));
      found.push({ id: relative(scenariosDir, path), group: group.name, path, needs, ...readMarker(path) });
    }
  }
  return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// At most `parallel` processes (and bundles) at a time.
const parallel = Number(options.parallel);
let running = 0;
const waiting = [];
async function slot(fn) {
  if (running >= parallel) await new Promise((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await fn();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

// Bundles are shared by the runtimes that ask for the same kind (engine, format, shims).
const outDir = mkdtempSync(join(tmpdir(), 'anyctx-runtime-matrix-'));
const bundles = new Map();
function bundleFor(scenario, engine, runtime) {
  const kind = runtime.bundleOptions ?? {};
  const commonJs = kind.commonJs && scenario.path.endsWith('.cjs');
  const key = `${scenario.id}|${engine}|${commonJs ? 'cjs' : 'esm'}|${kind.name ?? 'node'}`;
  if (!bundles.has(key)) {
    const outfile = join(outDir, `${key.replace(/[^\w.-]+/g, '_')}.${commonJs ? 'cjs' : 'mjs'}`);
    bundles.set(
      key,
      bundleScenario(scenario.path, outfile, {
        engine,
        format: commonJs ? 'cjs' : 'esm',
        shims: kind.shims,
        prelude: kind.prelude,
        builtinsFromGlobal: kind.builtinsFromGlobal,
      }),
    );
  }
  return bundles.get(key);
}

const oracleRuns = new Map();
function oracle(scenario) {
  if (!oracleRuns.has(scenario.id)) {
    oracleRuns.set(scenario.id, slot(() => runProcess(oracleNode, ['--conditions=anyctx-native', scenario.path], { cwd: root })));
  }
  return oracleRuns.get(scenario.id);
}

/** Why a run differs from the oracle, in one line. */
function reasonOf(actual, expected) {
  const error = actual.stderr.split('\n').find((line) => /\b\w*(Error|error)\b|Uncaught|panic/.test(line));
  if (error) return error.trim().slice(0, 200);
  if (actual.exitCode !== expected.exitCode) return `exit code ${actual.exitCode}, expected ${expected.exitCode}`;
  const got = actual.stdout.split('\n');
  const want = expected.stdout.split('\n');
  const line = want.findIndex((text, i) => got[i] !== text);
  return `stdout line ${line + 1}: got ${JSON.stringify(got[line] ?? null)}, expected ${JSON.stringify(want[line] ?? null)}`.slice(0, 240);
}

/** The result of a scenario that is not run: skipped, or not applicable to the runtime. */
function notRun(runtime, engine, scenario) {
  const skip = scenario.skip ?? (engine === 'portable' ? scenario.portableSkip : undefined);
  if (skip) return { id: scenario.id, group: scenario.group, status: 'skip', reason: skip };
  const missing = notApplicable(scenario, runtime);
  if (missing) return { id: scenario.id, group: scenario.group, status: 'n/a', reason: missing };
  return undefined;
}

async function compare(scenario, actual) {
  const expected = await oracle(scenario);
  if (typeof expected.exitCode === 'string') {
    return { id: scenario.id, group: scenario.group, status: 'skip', reason: `the oracle did not finish: ${expected.exitCode}` };
  }
  const pass = actual.exitCode === expected.exitCode && actual.stdout === expected.stdout;
  return pass
    ? { id: scenario.id, group: scenario.group, status: 'pass' }
    : { id: scenario.id, group: scenario.group, status: 'fail', reason: reasonOf(actual, expected) };
}

async function runOne(runtime, engine, scenario) {
  const skipped = notRun(runtime, engine, scenario);
  if (skipped) return skipped;
  let bundle;
  try {
    bundle = await slot(() => bundleFor(scenario, engine, runtime));
  } catch (error) {
    return { id: scenario.id, group: scenario.group, status: 'fail', reason: `bundle: ${String(error.message).split('\n')[0]}` };
  }
  const [, actual] = await Promise.all([oracle(scenario), slot(() => runtime.run(bundle, scenario))]);
  const result = await compare(scenario, actual);
  if (result.status !== 'fail') return result;
  // Scenarios order timers a few milliseconds apart; on a busy machine a slow runtime can
  // miss that. A failure that does not repeat is reported as passing on the second run.
  const second = await compare(scenario, await slot(() => runtime.run(bundle, scenario)));
  return second.status === 'pass' ? { ...second, secondRun: result.reason } : result;
}

/** A runtime that runs the whole corpus in one go (a browser: one build, one session). */
async function runAll(runtime, engine, scenarios) {
  const results = new Map();
  const toRun = [];
  for (const scenario of scenarios) {
    const skipped = notRun(runtime, engine, scenario);
    if (skipped) results.set(scenario.id, skipped);
    else toRun.push(scenario);
  }
  let outputs;
  try {
    outputs = await runtime.runBatch(toRun, engine);
  } catch (error) {
    const reason = `${runtime.name}: ${String(error.message).split('\n')[0]}`;
    outputs = new Map(toRun.map((scenario) => [scenario.id, { exitCode: reason, stdout: '', stderr: reason }]));
  }
  for (const scenario of toRun) results.set(scenario.id, await compare(scenario, outputs.get(scenario.id)));
  // As in runOne: the failures run once more (in one more batch), and a failure that does
  // not repeat is reported as passing on the second run.
  const failed = toRun.filter((scenario) => results.get(scenario.id).status === 'fail');
  if (failed.length > 0) {
    const again = await runtime.runBatch(failed, engine).catch(() => new Map());
    for (const scenario of failed) {
      const second = await compare(scenario, again.get(scenario.id) ?? { exitCode: 'no second run', stdout: '', stderr: '' });
      if (second.status === 'pass') results.set(scenario.id, { ...second, secondRun: results.get(scenario.id).reason });
    }
  }
  return scenarios.map((scenario) => results.get(scenario.id));
}

const scenarios = listScenarios();
const started = Date.now();
const results = { generated: new Date().toISOString(), oracle: 'node24 --conditions=anyctx-native', runtimes: [] };

for (const runtime of runtimes) {
  if (wantedRuntimes && !wantedRuntimes.has(runtime.name)) continue;
  const entry = { name: runtime.name, engines: [] };
  results.runtimes.push(entry);
  if (!(await runtime.available())) {
    entry.installed = false;
    entry.note = 'not installed';
    console.log(`${runtime.name}: not run (${entry.note})`);
    continue;
  }
  entry.installed = true;
  entry.version = await runtime.version();
  if (runtime.note) entry.note = runtime.note;
  for (const engine of runtime.engines) {
    const t0 = Date.now();
    const scenarioResults = runtime.runBatch
      ? await runAll(runtime, engine, scenarios)
      : await Promise.all(scenarios.map((scenario) => runOne(runtime, engine, scenario)));
    // A browser also runs the web task source page (not in the corpus: Node has no such sources).
    if (runtime.webResults && (!wantedGroups || wantedGroups.has('web'))) scenarioResults.push(...(await runtime.webResults()));
    entry.engines.push({ engine, seconds: Math.round((Date.now() - t0) / 100) / 10, scenarios: scenarioResults });
    const count = (status) => scenarioResults.filter((r) => r.status === status).length;
    console.log(`${runtime.name} (${entry.version}) ${engine}: ${count('pass')} pass, ${count('fail')} fail, ${count('n/a')} n/a, ${count('skip')} skipped, ${Math.round((Date.now() - t0) / 1000)} s`);
  }
}
results.seconds = Math.round((Date.now() - started) / 1000);
rmSync(outDir, { recursive: true, force: true });

const partial = Boolean(wantedRuntimes || wantedGroups);
const resultsFile = options.out ?? join(root, 'test', 'runtimes', partial ? 'matrix-results.partial.json' : 'matrix-results.json');
writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
console.log(`results: ${relative(root, resultsFile)} (${results.seconds} s)`);
// A partial run never replaces the table in docs/runtimes.md.
if (!options['no-readme'] && !partial && !options.out) {
  writeIntoPage(join(root, 'docs', 'runtimes.md'), renderMarkdown(results));
  console.log('docs/runtimes.md: matrix updated');
}
