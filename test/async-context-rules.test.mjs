// Where AsyncContext.Variable and AsyncLocalStorage follow different rules on the portable
// engine (docs/semantics.md §2): the proposal's spec text for a Variable, Node 24 for a
// storage, in one frame. Values asserted as the spec text and Node give them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ORACLE, PORTABLE } from './engines.mjs';
import { runProgram } from './support/run-program.mjs';
import { unlessBuilt } from './support/packages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name) => fileURLToPath(new URL(`fixtures/async-context-rules/${name}`, import.meta.url));
const skip = unlessBuilt('anyctx/portable.node.mjs', 'anyctx-build/register.js');
const REWRITE = ['--import', 'anyctx-build/register'];

// [where, the Variable's value, the storage's]: the Variable's as the spec text gives it (where
// the generator was created), the storage's as Node 24 gives it (the caller of next(); the
// oracle's run below checks that column).
const GENERATORS = [
  ['sync body starts', 'sync creation', 'first next()'],
  ['the caller after next()', null, null],
  ['sync body resumes', 'sync creation', 'second next()'],
  ['sync finally on return()', 'sync creation', 'return()'],
  ['sync body starts', 'for-of creation', null],
  ['async body starts', 'async creation', 'first async next()'],
  ['async body after await', 'async creation', 'first async next()'],
  ['the caller after await next()', null, null],
  ['async body resumes', 'async creation', 'second async next()'],
];

it("Node 24 gives a storage in a generator's body the values of the caller of next()", { skip }, async () => {
  // The anyctx entry on Node: Node's own AsyncLocalStorage.
  const native = await runProgram(ORACLE, [fixture('generators.mjs')], { cwd: root, timeout: 20_000, env: { ANYCTX_ENTRY: 'anyctx' } });
  assert.equal(native.exitCode, 0, native.stderr);
  assert.deepEqual(native.json().map(([where, , store]) => [where, store]), GENERATORS.map(([where, , store]) => [where, store]));
});

for (const engine of PORTABLE) {
  describe(engine.name, { skip }, () => {
    it("a FinalizationRegistry's cleanup callback sees the Variables of its construction and no storage's value", async () => {
      const run = await runProgram(engine, [fixture('finalization-registry.mjs')], { cwd: root, timeout: 20_000 });
      assert.equal(run.exitCode, 0, run.stderr);
      assert.deepEqual(run.json(), { held: 'target', variable: 'construction', storage: null });
    });
    it('Snapshot#run, Snapshot.wrap, a Variable made and uninstall() after the program took Array.prototype[Symbol.iterator] away', async () => {
      const run = await runProgram({ ...engine, args: [...engine.args, ...REWRITE] }, [fixture('array-iterator-deleted.mjs')], { cwd: root, timeout: 20_000 });
      assert.equal(run.exitCode, 0, run.stderr);
      assert.deepEqual(run.json(), { run: 'snapshot 1 2', wrap: 'wrap this 3', generator: 'creation', uninstalled: true });
    });
    it("a generator's body sees the Variables of where it was created and the storages of the caller of next()", async () => {
      const run = await runProgram({ ...engine, args: [...engine.args, ...REWRITE] }, [fixture('generators.mjs')], { cwd: root, timeout: 20_000 });
      assert.equal(run.exitCode, 0, run.stderr);
      assert.deepEqual(run.json(), GENERATORS);
    });
  });
}
