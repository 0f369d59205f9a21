// destroy hooks for AsyncResources nobody destroys by hand come when the resource is
// garbage-collected (FinalizationRegistry), never for requireManualDestroy ones, and
// emitDestroy() cancels the collection-time one. Checked on the oracle and the portable engine
// (the program: test/fixtures/gc-destroy/collected-resources.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ORACLE, PORTABLE } from './engines.mjs';
import { runProgram } from './support/run-program.mjs';

const program = fileURLToPath(new URL('fixtures/gc-destroy/collected-resources.mjs', import.meta.url));

for (const engine of [ORACLE, ...PORTABLE]) {
  test(`destroy on collection: ${engine.name}`, async () => {
    const run = await runProgram(engine, ['--expose-gc', program], { check: true });
    assert.deepEqual(run.json(), { collected: 1, manual: 0, explicit: 1 });
  });
}
