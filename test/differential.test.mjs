// Differential tests: every scenario program in test/scenarios/ runs once under the
// oracle (Node 24's own async_hooks, through `--conditions=anyctx-native`) and under
// the portable engine on Node 20 and Node 24; stdout and exit code must be equal.
// Scenarios print only what they observe (stores, event order, id relations), so any
// difference is a behaviour the portable engine gets wrong. Scenarios that use native
// `await` run on the portable engine through `--import anyctx-build/register` (the await
// rewrite); the oracle runs them untouched.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ORACLE, PORTABLE } from './engines.mjs';
import { processSlots } from './process-slots.mjs';
import { unlessBuilt } from './support/packages.mjs';
import { runProgram } from './support/run-program.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scenariosDir = join(root, 'test', 'scenarios');

const PARALLEL_PROCESSES = 2; // the CI machines have two cores
const SCENARIO_TIMEOUT_MS = 20_000;

// A scenario whose first line is `// waits-for: transform` uses native `await`: the
// portable engine runs it with the await rewrite (`--import anyctx-build/register`). One whose
// first line is `// waits-for: <anything else>` needs something not built yet; one whose
// first line is `// known-difference: <why>` shows a documented, deliberate difference from
// Node (listed in the README). Those two are reported as skipped, with the reason.
const REWRITE_ARGS = ['--import', 'anyctx-build/register'];

function readMarker(file) {
  const firstLine = readFileSync(file, 'utf8').split('\n', 1)[0];
  const marker = /^\/\/\s*(waits-for|known-difference):\s*(.+?)\s*$/.exec(firstLine);
  if (marker === null) return { skipReason: undefined, rewrite: false };
  if (marker[1] === 'waits-for' && marker[2] === 'transform') return { skipReason: undefined, rewrite: true };
  return { skipReason: `${marker[1]}: ${marker[2]}`, rewrite: false };
}

function listScenarios() {
  const found = [];
  for (const group of readdirSync(scenariosDir, { withFileTypes: true })) {
    if (!group.isDirectory() || group.name.startsWith('_')) continue;
    for (const file of readdirSync(join(scenariosDir, group.name))) {
      if (!/\.(mjs|cjs)$/.test(file)) continue;
      const path = join(scenariosDir, group.name, file);
      found.push({ id: relative(scenariosDir, path), path, ...readMarker(path) });
    }
  }
  return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const withProcessSlot = processSlots(PARALLEL_PROCESSES);

// runProgram keeps the surrounding process's settings from the scenarios (a `--conditions` in
// NODE_OPTIONS would switch the engine, node:test's own variables would change how a child
// behaves).
function runScenario(runtime, scenario, extraArgs = []) {
  return withProcessSlot(() => runProgram(runtime, [...extraArgs, scenario.path], { cwd: root, timeout: SCENARIO_TIMEOUT_MS }));
}

// The oracle runs once per scenario; both portable runtimes compare against it.
const oracleRuns = new Map();
function oracleRun(scenario) {
  if (!oracleRuns.has(scenario.id)) oracleRuns.set(scenario.id, runScenario(ORACLE, scenario));
  return oracleRuns.get(scenario.id);
}

const notBuilt = unlessBuilt('anyctx/portable.node.mjs', 'anyctx/index.node.mjs', 'anyctx-build/register.js', 'anyctx-build/register-hooks.js');
const scenarios = listScenarios();

describe('differential scenarios', { concurrency: true }, () => {
  it('the corpus is not empty', () => {
    assert.ok(scenarios.length > 0, `no scenario found in ${scenariosDir}`);
  });

  for (const runtime of PORTABLE) {
    describe(runtime.name, { concurrency: true }, () => {
      for (const scenario of scenarios) {
        const skip = scenario.skipReason || notBuilt;
        it(scenario.rewrite ? `${scenario.id} (rewritten by anyctx-build/register)` : scenario.id, { skip }, async (t) => {
          const [expected, actual] = await Promise.all([
            oracleRun(scenario),
            runScenario(runtime, scenario, scenario.rewrite ? REWRITE_ARGS : []),
          ]);
          if (typeof expected.exitCode === 'string') {
            assert.fail(`the oracle itself did not finish: ${expected.exitCode}\n${expected.stderr}`);
          }
          const same = actual.exitCode === expected.exitCode && actual.stdout === expected.stdout;
          if (!same && actual.stderr) t.diagnostic(`stderr (${runtime.name}):\n${actual.stderr}`);
          assert.deepEqual(
            { exitCode: actual.exitCode, stdout: actual.stdout },
            { exitCode: expected.exitCode, stdout: expected.stdout },
          );
        });
      }
    });
  }
});
