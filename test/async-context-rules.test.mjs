// Where AsyncContext.Variable and AsyncLocalStorage follow different rules on the portable
// engine (docs/semantics.md §2): the proposal's spec text for a Variable, Node 24 for a
// storage, in one frame. Values asserted as the spec text and Node give them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { PORTABLE } from './engines.mjs';
import { runProgram } from './support/run-program.mjs';
import { unlessBuilt } from './support/packages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name) => fileURLToPath(new URL(`fixtures/async-context-rules/${name}`, import.meta.url));
const skip = unlessBuilt('anyctx/portable.node.mjs');

for (const engine of PORTABLE) {
  describe(engine.name, { skip }, () => {
    it("a FinalizationRegistry's cleanup callback sees the Variables of its construction and no storage's value", async () => {
      const run = await runProgram(engine, [fixture('finalization-registry.mjs')], { cwd: root, timeout: 20_000 });
      assert.equal(run.exitCode, 0, run.stderr);
      assert.deepEqual(run.json(), { held: 'target', variable: 'construction', storage: null });
    });
  });
}
