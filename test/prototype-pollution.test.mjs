// Indexed properties on Object.prototype and Array.prototype, and an Object.prototype.get,
// set before the engine is imported: importing still works, and no storage or variable that
// nobody set returns anything but its default, in and out of runs of other storages (the
// program: test/fixtures/prototype-pollution/polluted.mjs). Node's own engine is the oracle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ORACLE, PORTABLE } from './engines.mjs';
import { runProgram } from './support/run-program.mjs';

const program = fileURLToPath(new URL('fixtures/prototype-pollution/polluted.mjs', import.meta.url));
const cwd = fileURLToPath(new URL('..', import.meta.url));

async function check(engine, args) {
  const run = await runProgram(engine, [program, ...args], { cwd, check: true, timeout: 60_000 });
  const seen = run.json();
  assert.equal(seen.length, 11);
  for (const { where, values, ...others } of seen) {
    assert.deepEqual(values.filter((value) => value !== 'skipped'), values.filter((value) => value !== 'skipped').map(() => null), where);
    assert.deepEqual(others, { withDefault: 'default', variableWithDefault: 'variable default' }, where);
  }
}

for (const engine of [ORACLE, ...PORTABLE]) {
  test(`prototype pollution after import changes nothing the engine returns: ${engine.name}`, () => check(engine, []));
  test(`Object.prototype polluted before import: the import works and nothing changes: ${engine.name}`, () => check(engine, ['before']));
  test(`Array.prototype polluted before import too: ${engine.name}`, () => check(engine, ['before-all']));
}
