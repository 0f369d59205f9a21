// Real programs under `node --import anyctx-build/register` do what they do without it: npm 11's
// CLI (--version, pack --dry-run, ls), TypeScript's tsc, `vite build`, `rollup -c` and a
// fastify app driven by app.inject(). Each runs on Node 20 and Node 24, once with the register
// entry and once without, on the same binary: exit code, stdout, stderr and the files it wrote
// must be equal, and the bundlers' native bindings (.node files, not JavaScript) must load.
// Every program's duration both ways is reported as a test diagnostic.
//
// Each run works in its own copy of its fixture (test/fixtures/real-programs/) inside a
// temporary project where anyctx is node_modules/anyctx (a link to this package), as in a
// user's project; npm gets a cache and config of its own there and no network.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './engines.mjs';
import { processSlots } from './process-slots.mjs';
import { linkPackages, unlessBuilt } from './support/packages.mjs';
import { runProgram } from './support/run-program.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'test', 'fixtures', 'real-programs');
const installed = (path) => join(root, 'node_modules', path);
const skip = unlessBuilt('anyctx-build/register.js', 'anyctx-build/register.cjs', 'anyctx-build/register-hooks.js', 'anyctx/portable.node.mjs');

const RUNTIMES = [
  { name: 'Node 20', tag: 'node20', node: nodeBinary('node20') },
  { name: 'Node 24', tag: 'node24', node: nodeBinary('node24') },
];
const REGISTER = ['--import', 'anyctx-build/register'];
const PARALLEL_PROCESSES = 2; // the CI machines have two cores
// tsc, the slowest, takes about 3 s under the register entry (it rewrites 6 MB of CommonJS,
// lib/_tsc.js); on a loaded two-core machine up to 9 s.
const PROGRAM_TIMEOUT_MS = 60_000;

const NPM = installed('npm11/bin/npm-cli.js');
const TSC = installed('typescript/bin/tsc');
const VITE = installed('vite/bin/vite.js');
const ROLLUP = installed('rollup/dist/bin/rollup');

/**
 * Each program: the fixture it runs in (its working directory), its arguments after the Node
 * binary, the folder it writes (compared file by file), and the native addons it must load (file
 * names, whatever the platform's binding is called).
 */
const PROGRAMS = [
  { name: 'npm --version', fixture: 'npm-package', args: [NPM, '--version'] },
  { name: 'npm pack --dry-run', fixture: 'npm-package', args: [NPM, 'pack', '--dry-run'] },
  { name: 'npm pack --dry-run --json', fixture: 'npm-package', args: [NPM, 'pack', '--dry-run', '--json'] },
  { name: 'npm ls', fixture: 'npm-project', args: [NPM, 'ls'] },
  { name: 'npm ls --all --json', fixture: 'npm-project', args: [NPM, 'ls', '--all', '--json'] },
  { name: 'tsc -p .', fixture: 'tsc-project', args: [TSC, '-p', '.'], output: 'out' },
  { name: 'vite build', fixture: 'vite-app', args: [VITE, 'build'], output: 'out', addons: [/^rolldown-binding\..+\.node$/] },
  { name: 'rollup -c', fixture: 'rollup-app', args: [ROLLUP, '-c'], output: 'out', addons: [/^rollup\..+\.node$/] },
  { name: 'fastify app.inject()', fixture: 'fastify-app', args: ['app.mjs'] },
];
const ADDON_OBSERVER = join(fixtures, 'native-addons.cjs');

let project;
before(() => {
  if (skip) return;
  project = realpathSync(mkdtempSync(join(tmpdir(), 'anyctx-real-programs-')));
  mkdirSync(join(project, 'node_modules'));
  linkPackages(join(project, 'node_modules'));
  // The fastify app imports fastify; its own dependencies resolve from its real path.
  symlinkSync(installed('fastify'), join(project, 'node_modules', 'fastify'), 'junction');
});
after(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

const withProcessSlot = processSlots(PARALLEL_PROCESSES);

/** Runs a program in a fresh copy of its fixture; resolves to what it did, its paths made neutral. */
function runInFixture(runtime, program, register) {
  return withProcessSlot(() => {
    const run = `${program.name.replace(/\W+/g, '-')}.${runtime.tag}.${register ? 'register' : 'plain'}`;
    const cwd = join(project, run);
    cpSync(join(fixtures, program.fixture), cwd, { recursive: true });
    const addonsFile = join(project, `${run}.addons.json`);
    // runProgram keeps the surrounding process's settings from the programs: NODE_OPTIONS,
    // node:test's own variables, and the npm_* variables `npm test` exports (npm would read its
    // config there).
    const env = {
      NO_COLOR: '1',
      ANYCTX_TEST_NATIVE_ADDONS: addonsFile,
      // npm: offline (and a registry nobody listens at, should it try anyway), no update
      // check, nothing read from or written to the user's files.
      npm_config_cache: join(project, `${run}.npm-cache`),
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_userconfig: join(project, 'no-npmrc'),
      npm_config_globalconfig: join(project, 'no-global-npmrc'),
      npm_config_offline: 'true',
      npm_config_update_notifier: 'false',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
    };
    const args = [...(program.addons ? ['--require', ADDON_OBSERVER] : []), ...(register ? REGISTER : []), ...program.args];
    return runProgram(runtime, args, { cwd, env, timeout: PROGRAM_TIMEOUT_MS }).then((result) => {
      const neutral = (text) => text.replaceAll(cwd, '<fixture>').replace(/ in \d+(\.\d+)?m?s\b/g, ' in <time>');
      return {
        exitCode: result.exitCode,
        stdout: neutral(result.stdout),
        stderr: neutral(result.stderr),
        files: program.output ? filesUnder(join(cwd, program.output)) : undefined,
        addons: program.addons && existsSync(addonsFile) ? JSON.parse(readFileSync(addonsFile, 'utf8')) : undefined,
        ms: result.ms,
      };
    });
  });
}

/** Every file under a folder, by its path relative to the folder, with its text. */
function filesUnder(dir) {
  if (!existsSync(dir)) return {};
  const files = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath ?? entry.path, entry.name);
    files[relative(dir, path)] = readFileSync(path, 'utf8');
  }
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
}

const fileName = (path) => path.split(/[\\/]/).at(-1);

// Both runtimes at once: the process slots, not the suites, pace the runs.
describe('real programs under anyctx-build/register', { concurrency: true, skip }, () => {
  for (const runtime of RUNTIMES) {
    describe(runtime.name, { concurrency: true }, () => {
      for (const program of PROGRAMS) {
        it(`${program.name}: the same as without the register entry`, async (t) => {
          const [plain, registered] = await Promise.all([runInFixture(runtime, program, false), runInFixture(runtime, program, true)]);
          t.diagnostic(`${runtime.name} ${program.name}: ${plain.ms} ms without, ${registered.ms} ms under anyctx-build/register`);

          assert.equal(plain.exitCode, 0, `without the register entry the program itself fails:\n${plain.stderr}`);
          if (program.output) assert.ok(Object.keys(plain.files).length > 0, `without the register entry ${program.name} wrote nothing to ${program.output}/`);
          assert.equal(registered.exitCode, plain.exitCode, `exit code under anyctx-build/register; its stderr:\n${registered.stderr}`);
          assert.equal(registered.stderr, plain.stderr, 'stderr');
          assert.equal(registered.stdout, plain.stdout, 'stdout');
          assert.deepEqual(registered.files, plain.files, `the files written to ${program.output}/`);

          if (program.addons) {
            const [plainAddons, registeredAddons] = [plain.addons, registered.addons].map((paths) => (paths ?? []).map(fileName));
            for (const addon of program.addons) assert.ok(plainAddons.some((name) => addon.test(name)), `${addon} is loaded without the register entry: ${plainAddons}`);
            // Under the register entry, the rewriter's own parser and transformer are addons too.
            for (const addon of plainAddons) assert.ok(registeredAddons.includes(addon), `${addon} is loaded under anyctx-build/register: ${registeredAddons}`);
          }
        });
      }
    });
  }
});
