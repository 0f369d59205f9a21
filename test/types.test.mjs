// The packages' types as a user's project sees them. Both tarballs, as `npm pack` makes them,
// pass Are the Types Wrong (node16 profile: Node's resolution from CommonJS and from ES
// modules, and bundlers') and publint (strict). The consumer projects of test/types/ compile
// under moduleResolution nodenext, node16 and bundler, on TypeScript 5.x and the current
// TypeScript, anyctx's with and without @types/node: the types of the API (AsyncLocalStorage<T>,
// AsyncContext.Variable<T>, …) hold, and wrong uses fail (@ts-expect-error).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { packageDir, repoRoot, unlessBuilt } from './support/packages.mjs';
import { cleanEnv } from './support/run-program.mjs';

const skip = unlessBuilt('anyctx/types/index.d.cts', 'anyctx-build/types/vite.d.cts');
const run = promisify(execFile);
const bin = (path) => join(repoRoot, 'node_modules', path);
const NPM = bin('npm11/bin/npm-cli.js');
const ATTW = bin('@arethetypeswrong/cli/dist/index.js');
// Two TypeScripts are installed: always by path (node_modules/.bin/tsc is either).
const TYPESCRIPTS = { '5.x': bin('typescript/bin/tsc'), current: bin('typescript-current/bin/tsc') };
const RESOLUTIONS = { nodenext: ['nodenext', 'nodenext'], node16: ['node16', 'node16'], bundler: ['preserve', 'bundler'] };
const PACKAGES = ['anyctx', 'anyctx-build'];

let work;
const tarballs = {};
const attw = {};
before(() => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'anyctx-types-'));
  for (const name of PACKAGES) {
    const packArgs = [NPM, 'pack', '--json', '--pack-destination', work, '--no-audit', '--no-fund', '--loglevel=error'];
    const [result] = JSON.parse(execFileSync(process.execPath, packArgs, { cwd: packageDir(name), env: cleanEnv(), encoding: 'utf8' }));
    tarballs[name] = join(work, result.filename);
    // Started now, awaited by its test: it runs while the others do.
    const attwArgs = [ATTW, tarballs[name], '--profile', 'node16', '--format', 'json', '--no-definitely-typed'];
    attw[name] = run(process.execPath, attwArgs, { maxBuffer: 1 << 28 }).then((r) => ({ ...r, exitCode: 0 }), (error) => error);
  }
});
after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

for (const name of PACKAGES) {
  test(`${name}: Are the Types Wrong finds no problem (node16 profile)`, { skip }, async () => {
    const { stdout, stderr, code, exitCode = code } = await attw[name];
    assert.ok(stdout, stderr);
    const { problems } = JSON.parse(stdout);
    // node10 (no "exports"): the profile ignores it, and subpaths cannot resolve there.
    const found = Object.values(problems ?? {}).flat().filter((problem) => problem.resolutionKind !== 'node10');
    assert.deepEqual(found, []);
    assert.equal(exitCode, 0);
  });

  test(`${name}: publint (strict) finds nothing`, { skip }, async () => {
    const tarball = readFileSync(tarballs[name]);
    const { messages, pkg } = await publint({ pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) }, strict: true });
    assert.deepEqual(messages.map((message) => formatMessage(message, pkg, { color: false })), []);
  });
}

// Each compile: a consumer project, a TypeScript, a resolution, with or without @types/node
// (the build tools' project always has it: they run on Node).
const compiles = Object.entries(TYPESCRIPTS).flatMap(([version, tsc]) => Object.entries(RESOLUTIONS).flatMap(([resolution, [module, moduleResolution]]) => [
  { project: 'anyctx', version, tsc, resolution, module, moduleResolution, node: false },
  { project: 'anyctx', version, tsc, resolution, module, moduleResolution, node: true },
  { project: 'anyctx-build', version, tsc, resolution, module, moduleResolution, node: true },
  { project: 'anyctx-opentelemetry', version, tsc, resolution, module, moduleResolution, node: false },
]));

test('the consumer projects compile under nodenext, node16 and bundler, on TypeScript 5.x and current, with and without @types/node', { skip }, async () => {
  const results = await inParallel(compiles, async ({ project, tsc, module, moduleResolution, node }) => {
    const args = [tsc, '-p', join(repoRoot, 'test', 'types', project), '--module', module, '--moduleResolution', moduleResolution, ...(node ? ['--types', 'node'] : []), '--pretty', 'false'];
    return run(process.execPath, args, { cwd: repoRoot, maxBuffer: 1 << 26 }).then(() => '', (error) => `${error.stdout}${error.stderr}`.trim() || error.message);
  });
  const failed = compiles
    .map(({ project, version, resolution, node }, i) => results[i] && `${project}, TypeScript ${version}, ${resolution}${node ? ', @types/node' : ''}:\n${results[i]}`)
    .filter(Boolean);
  assert.deepEqual(failed, []);
});

// The build tools' consumer project skips declaration files (unplugin's import bundlers that
// are not installed): every published declaration is checked here, without @types/node, each
// .d.ts as an ES module and each .d.cts as CommonJS (nodenext); errors in other packages' aside.
test('the published declarations have no error of their own', { skip }, () => {
  const files = PACKAGES.flatMap((name) => {
    const types = join(packageDir(name), 'dist', 'types');
    return readdirSync(types).filter((file) => /\.d\.c?ts$/.test(file)).map((file) => join(types, file));
  });
  const { options } = ts.convertCompilerOptionsFromJson({ module: 'nodenext', strict: true, types: [], lib: ['es2022'], noEmit: true }, repoRoot);
  const program = ts.createProgram(files, options);
  const own = ts.getPreEmitDiagnostics(program).filter((d) => d.file === undefined || files.includes(d.file.fileName));
  assert.deepEqual(own.map((d) => `${d.file?.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`), []);
});

test('errors about the API name its public types, never a private field', { skip }, () => {
  const project = join(repoRoot, 'test', 'types', 'anyctx');
  const { config } = ts.readConfigFile(join(project, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, project);
  const file = join(project, 'wrong', 'mixed-up.mts');
  const program = ts.createProgram([file], options);
  const messages = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  assert.equal(messages.length, 3, messages.join('\n\n'));
  for (const message of messages) assert.doesNotMatch(message, /#|__private/, message);
  assert.match(messages.join('\n'), /AsyncLocalStorage<string>/);
  assert.match(messages.join('\n'), /Variable<number>/);
});

/** `work` over `items`, a few at a time: the results in the items' order. */
async function inParallel(items, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(items.length, Math.max(2, availableParallelism())) }, worker));
  return results;
}
