// The task tracker on every runtime of the matrix but the browsers (test/tracker-web.test.mjs
// has those): the programs of fixtures/tracker/programs.mjs, bundled with the portable engine
// and anyctx's esbuild plugin (fixtures/tracker/runtime-entry.mjs), run on Node 20-26, Bun,
// Deno, workerd, QuickJS and Hermes. Each program zone.js can follow must give what zone.js's
// onHasTask gives on Node 24 (the same lines, the same transitions); each of the others what
// it states. Where a runtime lacks a source, its program is left out, and where the tracker
// leaves a source out on purpose (docs/tracker.md), the untracked outcome is asserted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ORACLE } from './engines.mjs';
import { bundleScenario } from './runtimes/bundle.mjs';
import { runtimes } from './runtimes/index.mjs';
import { runProgram } from './support/run-program.mjs';
import { unlessBuilt } from './support/packages.mjs';
import { programs } from './fixtures/tracker/programs.mjs';
import { shape } from './fixtures/tracker/harness-core.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = fileURLToPath(new URL('fixtures/tracker/runtime-entry.mjs', import.meta.url));
const harness = fileURLToPath(new URL('fixtures/tracker/harness.mjs', import.meta.url));
const skip = unlessBuilt('anyctx/tracker.js', 'anyctx-build/esbuild.js');
const CHANNEL = 'messages through a MessageChannel, delivered once the receiver starts';
/** Runtimes whose MessageChannel posts the tracker leaves untracked (docs/tracker.md). */
const UNTRACKED_CHANNELS = new Set(['bun', 'workerd']);

let out;
const zone = {};

before(async () => {
  if (skip) return;
  out = mkdtempSync(join(tmpdir(), 'anyctx-tracker-runtimes-'));
  // What zone.js gives, on Node 24, for the programs it can follow.
  for (const [name, program] of Object.entries(programs)) {
    if (!program.zone || program.web) continue;
    const run = await runProgram({ node: ORACLE.node, args: [] }, [harness, 'zone', name], { cwd: root, timeout: 30_000 });
    assert.equal(run.exitCode, 0, run.stderr);
    zone[name] = run.json();
  }
});

after(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

for (const runtime of runtimes.filter((r) => r.name !== 'chromium' && r.name !== 'firefox')) {
  test(`${runtime.name}: the tracker's transitions`, { skip, timeout: 120_000 }, async (t) => {
    if (!(await runtime.available())) return t.skip(`${runtime.name} is not installed`);
    const options = runtime.bundleOptions ?? {};
    const bundle = await bundleScenario(entry, join(out, `${runtime.name}.mjs`), {
      engine: 'portable', shims: options.shims, prelude: options.prelude, builtinsFromGlobal: options.builtinsFromGlobal,
    });
    const run = await runtime.run(bundle);
    // workerd's console writes to stderr.
    const line = `${run.stdout}\n${run.stderr}`.split('\n').find((text) => text.startsWith('{"'));
    assert.ok(line !== undefined, `no results: ${run.stderr}`);
    const results = JSON.parse(line);

    const expected = Object.entries(programs).filter(([name, program]) => !program.web && !(name === CHANNEL && runtime.lacks?.includes('MessageChannel')));
    assert.deepEqual(Object.keys(results).sort(), expected.map(([name]) => name).sort());
    for (const [name, program] of expected) {
      if (program.zone) {
        assert.deepEqual(results[name].lines, zone[name].lines, name);
        assert.deepEqual(shape(results[name].transitions), shape(zone[name].transitions), name);
      } else if (name === CHANNEL && UNTRACKED_CHANNELS.has(runtime.name)) {
        // Untracked: idle once the run is done, and the messages still reach the program.
        assert.deepEqual(results[name], { lines: ['message 1', 'message 2', 'later'], transitions: { a: [['busy', 0], ['idle', 0]] } }, name);
      } else {
        assert.deepEqual(results[name].transitions, program.expect, name);
      }
    }
  });
}
