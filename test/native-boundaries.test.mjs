// Where the portable engine runs on Node, Node's own I/O calls back without going through
// the engine. A flow may lose its stores there, but must never see another flow's: a store
// entered with enterWith in one native callback must not be current in the next, nor in
// code (untouched by the await transform) resumed by a promise that callback resolved. And
// the timer functions of node:timers keep the context as the globals do.
//
// Each program (test/fixtures/native-boundaries/) runs on native Node 24 (the oracle) and
// on the portable engine, imported directly and under the await transform's loader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ORACLE, PORTABLE } from './engines.mjs';
import { runProgram } from './support/run-program.mjs';

const program = (name) => fileURLToPath(new URL(`./fixtures/native-boundaries/${name}.mjs`, import.meta.url));
const setups = [
  { name: ORACLE.name, engine: ORACLE, args: [] },
  ...PORTABLE.flatMap((engine) => [
    { name: engine.name, engine, args: [] },
    { name: `${engine.name}, under anyctx-build/register`, engine, args: ['--import', 'anyctx-build/register'] },
  ]),
];

const run = async ({ engine, args }, name) =>
  (await runProgram(engine, [...args, program(name)], { timeout: 30_000, check: true })).json();

for (const setup of setups) {
  test(`${setup.name}: pipelined HTTP requests never start in another request's store`, async () => {
    assert.deepEqual(await run(setup, 'pipelined-http'), { requests: 50, foreign: 0 });
  });

  test(`${setup.name}: untouched code resumed by a native callback never sees the store it enters`, async () => {
    const { seen } = await run(setup, 'native-resolve');
    assert.equal(seen.length, 20);
    // Native Node keeps the flow's store; the portable engine may lose it there.
    const allowed = (n) => setup.engine === ORACLE ? [`flow-${n}`] : [`flow-${n}`, null];
    for (const store of seen) {
      const n = /\d+$/.exec(String(store))?.[0];
      assert.ok(store === null ? setup.engine !== ORACLE : allowed(n).includes(store), `saw ${store}`);
    }
  });

  test(`${setup.name}: node:timers' setTimeout, setInterval and setImmediate keep the context`, async () => {
    const seen = await run(setup, 'timers-module');
    assert.deepEqual(Object.keys(seen).sort(), [
      'import setImmediate', 'import setInterval', 'import setTimeout',
      'require setImmediate', 'require setInterval', 'require setTimeout', 'timers/promises setTimeout',
    ]);
    for (const [name, store] of Object.entries(seen)) assert.equal(store, 'ctx', name);
  });
}
