// anyctx/opentelemetry's context manager against OpenTelemetry's own
// AsyncLocalStorageContextManager on native Node 24 (the oracle): the same program
// (test/fixtures/otel-manager/scenario.mjs: with, nesting, thisArg, throws, bind of functions
// and emitters, timers and then in two flows, disable) logs the same lines through anyctx's
// manager on Node 24 and Node 20 (Node's own engine, what `anyctx` is there) and on the
// portable engine (the program bundled for the browser, run on both). EventTarget binding,
// which OpenTelemetry's Node manager does not do, is checked by its own assertions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ORACLE } from './engines.mjs';
import { runProgram } from './support/run-program.mjs';
import { repoRoot } from './support/packages.mjs';

const fixture = (name) => fileURLToPath(new URL(`fixtures/otel-manager/${name}`, import.meta.url));
const NODES = { 20: join(repoRoot, 'node_modules/node20/bin/node'), 24: join(repoRoot, 'node_modules/node24/bin/node') };

let oracleLines;
const oracle = async () => (oracleLines ??= (await runProgram(ORACLE, [fixture('oracle.mjs')], { check: true })).lines);

for (const [version, node] of Object.entries(NODES)) {
  test(`Node ${version}, anyctx's manager on Node's engine: what OpenTelemetry's own manager logs on Node 24`, async () => {
    const run = await runProgram(node, [fixture('anyctx.mjs')], { check: true });
    assert.deepEqual(run.lines, await oracle());
  });
}

test("the portable engine (the program bundled for the browser), on Node 20 and 24: what OpenTelemetry's own manager logs", async () => {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'anyctx-otel-manager-'));
  try {
    const outfile = join(dir, 'scenario.mjs');
    const result = await build({
      entryPoints: [fixture('anyctx.mjs')], bundle: true, platform: 'browser', format: 'esm', outfile,
      external: ['node:*'], metafile: true, logLevel: 'silent',
    });
    assert.ok(Object.keys(result.metafile.inputs).some((input) => input.endsWith('anyctx/dist/portable.browser.js')), 'the portable engine is bundled');
    for (const node of Object.values(NODES)) {
      const run = await runProgram(node, [outfile], { check: true });
      assert.deepEqual(run.lines, await oracle());
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bind(context, eventTarget): its listeners run in the context, and come off by the function the caller holds', async () => {
  const { AnyctxContextManager } = await import('anyctx/opentelemetry');
  const { ROOT_CONTEXT, createContextKey } = await import('@opentelemetry/api');
  const manager = new AnyctxContextManager();
  const KEY = createContextKey('k');
  const target = manager.bind(ROOT_CONTEXT.setValue(KEY, 'bound'), new EventTarget());
  const seen = [];
  const listener = () => seen.push(`function ${manager.active().getValue(KEY)}`);
  const object = { handleEvent(event) { seen.push(`object ${manager.active().getValue(KEY)} ${this === object} ${event.type}`); } };
  target.addEventListener('e', listener);
  target.addEventListener('e', listener); // the same listener once, as the platform has it
  target.addEventListener('e', object);
  manager.with(ROOT_CONTEXT.setValue(KEY, 'dispatcher'), () => target.dispatchEvent(new Event('e')));
  target.removeEventListener('e', listener);
  target.removeEventListener('e', object);
  target.dispatchEvent(new Event('e'));
  assert.deepEqual(seen, ['function bound', 'object bound true e']);
  assert.equal(manager.bind(ROOT_CONTEXT, target), target, 'bound twice: the same target');
});
