// `node --import anyctx-build/register`: the fixture apps in test/fixtures/register/ (ES modules,
// CommonJS, TypeScript as ES module and as CommonJS, each importing or requiring modules of
// the other kinds) keep the context after their awaits on Node 20 and Node 24; an error
// thrown after an await in TypeScript has a stack trace naming the original file and line;
// a module without await runs as it is.
//
// The fixtures run in a temporary project where anyctx is installed as
// node_modules/anyctx (a link to this package), as in a user's project.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './engines.mjs';
import { linkPackages, unlessBuilt } from './support/packages.mjs';
import { runProgram } from './support/run-program.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'test', 'fixtures', 'register');
const skip = unlessBuilt('anyctx-build/register.js', 'anyctx-build/register.cjs', 'anyctx-build/register-hooks.js', 'anyctx/portable.node.mjs');

const RUNTIMES = [
  { name: 'Node 20', node: nodeBinary('node20') },
  { name: 'Node 24', node: nodeBinary('node24') },
];
const APPS = ['esm/app.mjs', 'cjs/app.js', 'ts-module/app.ts', 'ts-commonjs/app.ts'];
const THROWING_APPS = ['ts-module/throws.ts', 'ts-commonjs/throws.ts'];
const APP_TIMEOUT_MS = 20_000;

let project;
before(() => {
  if (skip) return;
  project = realpathSync(mkdtempSync(join(tmpdir(), 'anyctx-register-')));
  cpSync(fixtures, project, { recursive: true });
  mkdirSync(join(project, 'node_modules'));
  linkPackages(join(project, 'node_modules'));
});
after(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

/** Runs an app once per runtime and preload flag; later tests share the result. */
const runs = new Map();
function run(runtime, app, preload = '--import', nodeOptions = []) {
  const key = `${runtime.node} ${nodeOptions.join(' ')} ${preload} ${app}`;
  if (!runs.has(key)) {
    runs.set(key, runProgram(runtime, [...nodeOptions, preload, 'anyctx-build/register', app], { cwd: project, timeout: APP_TIMEOUT_MS }).then((result) => {
      let report;
      try {
        report = JSON.parse(result.stdout.trim().split('\n').at(-1));
      } catch {
        report = undefined;
      }
      return { ...result, report };
    }));
  }
  return runs.get(key);
}

function assertRanCleanly(result) {
  assert.equal(result.exitCode, 0, result.stderr);
  assert.equal(result.stderr, '', 'nothing on stderr (no warning, no error)');
  assert.ok(result.report, `the app printed its report: ${result.stdout}`);
}

/** Every store the app observed is the one it should have found, in every module it names. */
function assertContextKept(report) {
  const { checks, facts } = report;
  const observedIn = facts['observed in'];
  assert.ok(observedIn.length > 0);
  for (const module of observedIn) {
    for (const point of ['after first await', 'after second await', 'caller after await']) {
      assert.ok(checks.some((c) => c.where === `${module} ${point}`), `${module} ${point} was checked`);
    }
  }
  assert.deepEqual(
    checks.map((c) => [c.where, c.actual]),
    checks.map((c) => [c.where, c.expected]),
  );
}

for (const runtime of RUNTIMES) {
  describe(`anyctx-build/register on ${runtime.name}`, { concurrency: true, skip }, () => {
    for (const app of APPS) {
      it(`${app} keeps the context after await`, async () => {
        const result = await run(runtime, app);
        assertRanCleanly(result);
        assertContextKept(result.report);
      });
    }

    it('cjs/app.js keeps the context with --require anyctx-build/register too', async () => {
      const result = await run(runtime, 'cjs/app.js', '--require');
      assertRanCleanly(result);
      assertContextKept(result.report);
    });

    // Register finds its own files from a stack trace of its own, which must work even where
    // traces are turned off.
    for (const app of ['esm/app.mjs', 'cjs/app.js']) {
      it(`${app} keeps the context with --stack-trace-limit=0`, async () => {
        const result = await run(runtime, app, '--import', ['--stack-trace-limit=0']);
        assertRanCleanly(result);
        assertContextKept(result.report);
      });
    }

    for (const app of THROWING_APPS) {
      it(`${app}: an error thrown after an await points at the original file and line`, async () => {
        const result = await run(runtime, app);
        assertRanCleanly(result);
        const lines = readFileSync(join(fixtures, app), 'utf8').split('\n');
        const line = lines.findIndex((text) => text.includes('throw new Error')) + 1;
        const column = lines[line - 1].indexOf('new Error') + 1;
        const [message, topFrame] = result.report.facts.stack.split('\n');
        assert.equal(message, 'Error: order o-1 is empty');
        assert.ok(topFrame.includes(`${join(project, app)}:${line}:${column})`), `top frame at ${app}:${line}:${column}: ${topFrame}`);
      });
    }

    for (const [app, plain, rewritten] of [['esm/app.mjs', 'esm/plain.mjs', 'esm/dep.js'], ['cjs/app.js', 'cjs/plain.js', 'cjs/dep.js']]) {
      it(`${plain}, a module without await, runs as it is`, async () => {
        const result = await run(runtime, app);
        assertRanCleanly(result);
        const { facts } = result.report;
        // Rewritten modules carry an inline source map; one without await got none.
        assert.equal(facts[`${rewritten.split('/')[1]} has a source map`], true);
        assert.equal(facts[`${plain.split('/')[1]} has a source map`], false);
        assert.ok(readFileSync(join(fixtures, plain), 'utf8').includes(facts['noAwait text']), 'its function has the text of the file');
      });
    }
  });
}
