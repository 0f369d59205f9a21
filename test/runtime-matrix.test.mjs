// The runtime matrix (scripts/runtime-matrix.mjs): the scenario corpus on Node 20/22/24/26,
// Bun, Deno, workerd, QuickJS, Hermes, Chromium and Firefox ESR. On every runtime the portable
// engine must give native Node 24's output for every scenario the runtime can run, but for
// the listed known failures (test/runtimes/known-failures.mjs), each a difference of the
// runtime itself; a listed one that passes must leave the list. The runtimes' own
// async_hooks ("native") are information for the table in docs/runtimes.md, not asserted here.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runtimes } from './runtimes/index.mjs';
import { knownFailures } from './runtimes/known-failures.mjs';
import { runProcess } from './runtimes/run-process.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
let results;

before(async () => {
  try {
    execFileSync('sh', [here('../scripts/ensure-browsers.sh')], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 150_000 });
  } catch {
    // A browser that could not be installed shows up as not installed below.
  }
  const dir = mkdtempSync(join(tmpdir(), 'anyctx-matrix-test-'));
  try {
    const out = join(dir, 'results.json');
    const run = await runProcess(process.execPath, [here('../scripts/runtime-matrix.mjs'), '--out', out], { cwd: here('..'), timeoutMs: 30 * 60_000 });
    assert.equal(run.exitCode, 0, `runtime-matrix.mjs failed:\n${run.stderr}`);
    results = JSON.parse(readFileSync(out, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const runtime of runtimes) {
  test(`${runtime.name}: the portable engine matches native Node 24 wherever the runtime can run the scenario`, (t) => {
    const entry = results.runtimes.find((r) => r.name === runtime.name);
    // The browsers come from Debian's packages, installed only where we may (as root).
    if (!entry?.installed && runtime.binary?.startsWith('/usr/bin/')) return t.skip(`${runtime.binary} is missing and could not be installed`);
    assert.ok(entry?.installed, `${runtime.name} is not installed: ${entry?.note}`);
    const portable = entry.engines.find((e) => e.engine === 'portable');
    assert.ok(portable, `${runtime.name} ran no portable engine`);
    const known = knownFailures[runtime.name] ?? {};
    const failed = portable.scenarios.filter((s) => s.status === 'fail');
    const unexpected = failed.filter((s) => !(s.id in known)).map((s) => `${s.id}: ${s.reason}`);
    const fixed = Object.keys(known).filter((id) => portable.scenarios.find((s) => s.id === id)?.status === 'pass');
    assert.deepEqual(unexpected, [], 'failures that are not known differences of the runtime');
    assert.deepEqual(fixed, [], 'known failures that pass now: take them off test/runtimes/known-failures.mjs');
    const passed = portable.scenarios.filter((s) => s.status === 'pass').length;
    assert.ok(passed > 0, 'no scenario passed');
    t.diagnostic(`${passed} pass, ${failed.length} known failures, ${portable.scenarios.filter((s) => s.status === 'n/a').length} n/a`);
  });
}
