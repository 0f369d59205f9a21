// destroy hooks for AsyncResources nobody destroys by hand come when the resource is
// garbage-collected (FinalizationRegistry), never for requireManualDestroy ones, and
// emitDestroy() cancels the collection-time one. Checked on the oracle and the portable engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ORACLE, PORTABLE } from './engines.mjs';

const program = `
import { AsyncResource, createHook } from '#ctx';
const destroyed = [];
createHook({ destroy(id) { destroyed.push(id); } }).enable();
const ids = {};
(() => {
  ids.collected = new AsyncResource('Collected').asyncId();
  ids.manual = new AsyncResource('Manual', { requireManualDestroy: true }).asyncId();
  const explicit = new AsyncResource('Explicit');
  ids.explicit = explicit.asyncId();
  explicit.emitDestroy();
})();
for (let i = 0; i < 20 && !destroyed.includes(ids.collected); i++) {
  globalThis.gc();
  await new Promise((resolve) => setTimeout(resolve, 10));
}
const count = (id) => destroyed.filter((d) => d === id).length;
console.log(JSON.stringify({ collected: count(ids.collected), manual: count(ids.manual), explicit: count(ids.explicit) }));
`;

for (const engine of [ORACLE, ...PORTABLE]) {
  test(`destroy on collection: ${engine.name}`, () => {
    const out = execFileSync(engine.node, [...engine.args, '--expose-gc', '--input-type=module', '-e', program], {
      cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8',
    });
    assert.deepEqual(JSON.parse(out), { collected: 1, manual: 0, explicit: 1 });
  });
}
