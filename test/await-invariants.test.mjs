// The invariants of SEMANTICS §6 for code rewritten by the await transform:
//
// (a) No extra ticks. Random programs mix rewritten async functions (and async
//     generators) with untouched ones and with spy microtasks (queueMicrotask, then()
//     chains, nextTick, thenables). The order of everything they log must be the same
//     before and after the rewrite: on native Node 24 with the helpers present but no
//     engine installed (what the rewrite itself costs), and with the portable engine
//     installed on Node 24 and Node 20 (what the rewrite and the engine cost together,
//     against the untouched program on the same Node).
// (b) No leak. Thousands of concurrent flows mix rewritten async functions and async
//     generators with untouched ones (a module that is not rewritten, and functions built
//     with `new Function`), and wake together on shared promises so that their
//     continuations follow each other in one microtask checkpoint. Untouched code may lose
//     its store after its own awaits, but must never see another flow's; rewritten code
//     must always see its own. A module that throws after a top-level await must not
//     leave its store behind either. A control run with helpers that never put the outer
//     frame back must leak, or the test could not see a leak.
// (c) Values untouched. Awaited values, thenables, rejection reasons, `this`,
//     `arguments`, `new.target`, `super`, function `length`/`name`, the iterator protocol
//     of `for await` and stack-trace lines are the same as in the untouched program.
//
// Reproduce a run of (a): ANYCTX_TICKS_SEED=<seed> node --test test/await-invariants.test.mjs
// Reproduce a run of (b): ANYCTX_AWAIT_LEAK_SEED=<seed> ...
// More programs in (a):   ANYCTX_TICKS_PROGRAMS=2000 ...
// Keep the generated files: ANYCTX_INVARIANTS_KEEP=1 ...
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { transform } from 'anyctx-build/transform';
import { ORACLE, PORTABLE, nodeBinary } from './engines.mjs';
import { seededRandom } from './seeded-random.mjs';
import { linkPackages } from './support/packages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------
// A temporary package: '#ctx' points at the repository's test/ctx targets, anyctx is this
// repository (so rewritten code imports 'anyctx/portable' as a user's code would), and
// two more helper modules can stand in for the runtime:
//   '#helpers-only': the helpers, with the engine uninstalled (native Node plus the helpers);
//   '#leaky-helpers': helpers that never put the outer frame back (the control of (b)).
// ---------------------------------------------------------------------------------------

const HELPERS_ONLY = `// The await helpers without the engine: its host patches are removed at once.
import { awaitFrames, awaitFramesBasic, uninstall } from 'anyctx/portable';
uninstall();
export { awaitFrames, awaitFramesBasic };
`;

const LEAKY_HELPERS = `// Helpers that forget the frame they should put back: each piece of a rewritten function
// leaves its own frame current for whatever runs next. Made of the real helpers only (the
// frames' fields are the engine's own): a suspension is followed at once by a resumption,
// which makes the piece's frame current again, and leave() does nothing.
import { awaitFrames as real } from 'anyctx/portable';
const stayIn = (f, value) => { real.resume(f, undefined); return value; };
export const awaitFrames = {
  ...real,
  suspend(f, value) { return stayIn(f, real.suspend(f, value)); },
  yielding(f, value) { return stayIn(f, real.yielding(f, value)); },
  leave() {},
};
export const awaitFramesBasic = awaitFrames;
`;

let workDir;

function createWorkDir() {
  const dir = mkdtempSync(join(tmpdir(), 'anyctx-await-invariants-'));
  const ctx = (file) => JSON.stringify(join(root, 'test', 'ctx', file));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      type: 'module',
      imports: {
        '#ctx': {
          'anyctx-native': { import: './ctx-native.mjs', require: './ctx-native.cjs' },
          default: { import: './ctx-portable.mjs', require: './ctx-portable.cjs' },
        },
        '#helpers-only': './helpers-only.mjs',
        '#leaky-helpers': './leaky-helpers.mjs',
      },
    }),
  );
  writeFileSync(join(dir, 'ctx-native.mjs'), `export * from ${ctx('native.mjs')};\n`);
  writeFileSync(join(dir, 'ctx-portable.mjs'), `export * from ${ctx('portable.mjs')};\n`);
  writeFileSync(join(dir, 'ctx-native.cjs'), `module.exports = require(${ctx('native.cjs')});\n`);
  writeFileSync(join(dir, 'ctx-portable.cjs'), `module.exports = require(${ctx('portable.cjs')});\n`);
  writeFileSync(join(dir, 'helpers-only.mjs'), HELPERS_ONLY);
  writeFileSync(join(dir, 'leaky-helpers.mjs'), LEAKY_HELPERS);
  mkdirSync(join(dir, 'node_modules'));
  linkPackages(join(dir, 'node_modules'), ['anyctx']);
  return dir;
}

/** Writes `files` ({ name: source }) into a new folder of the work dir; returns its path. */
function writeFolder(name, files) {
  const folder = join(workDir, name);
  mkdirSync(folder, { recursive: true });
  for (const [file, source] of Object.entries(files)) writeFileSync(join(folder, file), source);
  return folder;
}

const rewrite = (source, filename, runtime) => {
  const result = transform(source, { filename, runtime });
  assert.equal(result.changed, true, `${filename} was expected to be rewritten`);
  return result.code;
};

const childEnv = { ...process.env };
delete childEnv.NODE_OPTIONS;
delete childEnv.NODE_TEST_CONTEXT;

function run(engine, file, args = []) {
  return new Promise((resolve, reject) => {
    execFile(
      engine.node,
      [...engine.args, file, ...args],
      { cwd: workDir, env: childEnv, maxBuffer: 256 << 20, timeout: 5 * 60 * 1000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${engine.name} failed on ${file}: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout));
      },
    );
  });
}

// Plain Node, with no anyctx and no condition: the untouched program's own behaviour.
const plainNode = (version) => ({ name: `plain Node ${version.slice(4)}`, node: nodeBinary(version), args: [] });
const NATIVE_24 = { name: 'native Node 24', node: nodeBinary('node24'), args: [] };

before(() => {
  workDir = createWorkDir();
});

after(() => {
  if (!workDir) return;
  if (process.env.ANYCTX_INVARIANTS_KEEP) console.log(`generated files kept in ${workDir}`);
  else rmSync(workDir, { recursive: true, force: true });
});

// =======================================================================================
// (a) No extra ticks.
//
// A program is a list of functions F0..Fn, each rewritten ("touched") or not, each an async
// function or an async generator; Fi only calls Fj with j > i. A plain function `main`
// (never rewritten) starts some of them between spy microtasks. Everything logs a label;
// the log is the program's result. Functions live in two modules, touched.mjs (rewritten
// in the transformed runs) and untouched.mjs (never), and find each other through `fns`.
// =======================================================================================

const TICKS_PROGRAMS = Number(process.env.ANYCTX_TICKS_PROGRAMS ?? 300);
const TICKS_SEED = Number(process.env.ANYCTX_TICKS_SEED ?? Math.floor(Math.random() * 2 ** 31));

const spyVia = fc.constantFrom('microtask', 'then', 'tick');
const awaitedKind = fc.constantFrom('null', 'value', 'resolved', 'thenable', 'resolvedThenable', 'throwingThen', 'nested', 'double');
const stepArbitrary = (generator) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ t: fc.constant('await'), what: awaitedKind }) },
    { weight: 3, arbitrary: fc.record({ t: fc.constant('call'), j: fc.nat(5), breakEarly: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('all'), js: fc.array(fc.nat(5), { minLength: 1, maxLength: 3 }) }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('spy'), via: spyVia }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('reject') }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('forAwaitArray') }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('returnAwait') }) },
    ...(generator
      ? [
          { weight: 3, arbitrary: fc.record({ t: fc.constant('yield'), awaited: fc.boolean() }) },
          { weight: 1, arbitrary: fc.record({ t: fc.constant('delegate'), j: fc.nat(5) }) },
        ]
      : []),
  );
const functionArbitrary = fc
  .record({ touched: fc.boolean(), generator: fc.boolean(), throws: fc.boolean() })
  .chain((shape) =>
    fc.record({
      touched: fc.constant(shape.touched),
      generator: fc.constant(shape.generator),
      throws: fc.constant(shape.throws),
      steps: fc.array(stepArbitrary(shape.generator), { maxLength: 5 }),
    }),
  );
const ticksProgramArbitrary = fc.record({
  fns: fc.array(functionArbitrary, { minLength: 1, maxLength: 5 }),
  starts: fc.array(fc.record({ j: fc.nat(4), spy: fc.option(spyVia, { nil: null }) }), { minLength: 1, maxLength: 4 }),
});

// The function a step calls: the first one after i whose kind fits, if any.
function callee(program, i, j, wantGenerator) {
  const later = program.fns.length - i - 1;
  if (later <= 0) return -1;
  for (let k = 0; k < later; k++) {
    const index = i + 1 + ((j + k) % later);
    if (wantGenerator === undefined || program.fns[index].generator === wantGenerator) return index;
  }
  return -1;
}

function renderSpy(via, label) {
  if (via === 'microtask') return `queueMicrotask(() => log('${label} microtask'));`;
  if (via === 'tick') return `process.nextTick(() => log('${label} tick'));`;
  return `Promise.resolve().then(() => log('${label} then 1')).then(() => log('${label} then 2'));`;
}

function renderAwaited(what, label) {
  switch (what) {
    case 'null': return 'await null';
    case 'value': return 'await 42';
    case 'resolved': return 'await Promise.resolve(1)';
    case 'thenable': return `await { then(resolve) { log('${label} then called'); resolve(2); } }`;
    case 'resolvedThenable': return `await Promise.resolve({ then(resolve) { log('${label} then called'); resolve(3); } })`;
    case 'throwingThen': return `try { await { get then() { log('${label} then read'); throw new Error('then'); } }; } catch { log('${label} then threw'); }`;
    case 'nested': return `await (async () => { await null; log('${label} nested'); })()`;
    default: return 'await await null';
  }
}

function renderStep(program, i, step, k) {
  const label = `F${i}.${k}`;
  switch (step.t) {
    case 'await':
      return `${renderAwaited(step.what, label)};`;
    case 'call': {
      const j = callee(program, i, step.j);
      if (j === -1) return 'await null;';
      if (!program.fns[j].generator) {
        return `try { log('${label} got ' + await fns.F${j}()); } catch { log('${label} caught F${j}'); }`;
      }
      const stop = step.breakEarly ? ` if (x === 1) break;` : '';
      return `try { for await (const x of fns.F${j}()) { log('${label} item ' + x);${stop} } } catch { log('${label} caught F${j}'); }`;
    }
    case 'all': {
      const calls = step.js
        .map((j) => callee(program, i, j))
        .filter((j) => j !== -1)
        .map((j) => (program.fns[j].generator ? `fns.F${j}().next()` : `fns.F${j}()`));
      return `log('${label} settled ' + (await Promise.allSettled([${calls.join(', ')}])).map((r) => r.status).join());`;
    }
    case 'spy':
      return renderSpy(step.via, label);
    case 'reject':
      return `try { await Promise.reject(new Error('r')); } catch { log('${label} catch'); } finally { log('${label} finally'); }`;
    case 'forAwaitArray':
      return `for await (const x of [1, Promise.resolve(2), { then(resolve) { resolve(3); } }]) log('${label} element ' + x);`;
    case 'returnAwait':
      // Always taken; the condition keeps the steps after it well-formed (unreachable).
      return program.fns[i].generator ? 'await null;' : `if (log) return await Promise.resolve('${label} early');`;
    case 'yield':
      return step.awaited ? `yield await Promise.resolve('${label}');` : `yield '${label}';`;
    case 'delegate': {
      const j = callee(program, i, step.j, true);
      return j === -1 ? `yield '${label}';` : `try { yield* fns.F${j}(); } catch { log('${label} caught F${j}'); }`;
    }
  }
  throw new Error(`unknown step ${step.t}`);
}

function renderFunction(program, i) {
  const fn = program.fns[i];
  const lines = [`export async function${fn.generator ? '*' : ''} F${i}() {`, `  log('F${i} start');`];
  fn.steps.forEach((step, k) => lines.push(`  ${renderStep(program, i, step, k)}`, `  log('F${i}.${k}');`));
  lines.push(fn.throws ? `  throw new Error('F${i}');` : fn.generator ? `  log('F${i} end');` : `  return 'F${i}';`, '}');
  return lines.join('\n');
}

function renderMain(program) {
  // A clock of chained then() callbacks: one line per microtask turn, so a continuation
  // that moves by one turn shows up.
  const lines = ['export function main() {', `  let clock = Promise.resolve();`, `  for (let turn = 0; turn < 40; turn++) clock = clock.then(() => log('turn ' + turn));`];
  program.starts.forEach((start, k) => {
    const j = start.j % program.fns.length;
    const call = program.fns[j].generator ? `fns.F${j}().next()` : `fns.F${j}()`;
    lines.push(`  ${call}.then(() => log('main ${k} fulfilled'), () => log('main ${k} rejected'));`);
    if (start.spy) lines.push(`  ${renderSpy(start.spy, `main ${k}`)}`);
  });
  lines.push('}');
  return lines.join('\n');
}

const MODULE_HEAD = 'let fns, log;\nexport function setup(registry, logger) { fns = registry; log = logger; }\n';

function renderTicksProgram(program) {
  const functions = (touched) =>
    program.fns.map((fn, i) => (fn.touched === touched ? renderFunction(program, i) : '')).filter(Boolean);
  return {
    touched: [MODULE_HEAD, ...functions(true)].join('\n'),
    untouched: [MODULE_HEAD, ...functions(false), renderMain(program)].join('\n'),
  };
}

// Runs the programs of a batch one after the other; each ends when the microtask queue and
// nextTick queue are empty (no program uses timers). Prints every program's log.
const TICKS_RUNNER = `
const [folder, count, setupModule] = process.argv.slice(2);
if (setupModule) await import(setupModule);
const orders = [];
for (let i = 0; i < Number(count); i++) {
  const touched = await import(\`./\${folder}/p\${i}-touched.mjs\`);
  const untouched = await import(\`./\${folder}/p\${i}-untouched.mjs\`);
  const order = [];
  const log = (label) => order.push(label);
  const fns = {};
  for (const module of [touched, untouched]) for (const [name, value] of Object.entries(module)) if (/^F\\d+$/.test(name)) fns[name] = value;
  touched.setup(fns, log);
  untouched.setup(fns, log);
  try { untouched.main(); } catch (error) { order.push('main threw ' + error.message); }
  await new Promise((resolve) => setImmediate(resolve));
  orders.push(order);
}
process.stdout.write(JSON.stringify(orders));
`;

let ticksBatches = 0;

/** Writes a batch: the original modules, and the touched ones rewritten with `runtime`. */
function writeTicksBatch(programs, runtime) {
  const name = `ticks-${++ticksBatches}`;
  const original = {};
  const transformed = {};
  programs.forEach((program, i) => {
    const { touched, untouched } = renderTicksProgram(program);
    original[`p${i}-touched.mjs`] = touched;
    original[`p${i}-untouched.mjs`] = untouched;
    // A module whose functions never suspend comes back unchanged.
    transformed[`p${i}-touched.mjs`] = transform(touched, { filename: `p${i}-touched.mjs`, runtime }).code;
    transformed[`p${i}-untouched.mjs`] = untouched;
  });
  writeFolder(`${name}-original`, original);
  writeFolder(`${name}-transformed`, transformed);
  writeFileSync(join(workDir, `${name}-runner.mjs`), TICKS_RUNNER);
  return { name, count: programs.length };
}

const runTicks = (engine, batch, which, setupModule) =>
  run(engine, join(workDir, `${batch.name}-runner.mjs`), [`${batch.name}-${which}`, String(batch.count), ...(setupModule ? [setupModule] : [])]);

function describeTicksFailure(programs, expected, got, what) {
  const failing = programs.map((_, i) => i).filter((i) => JSON.stringify(expected[i]) !== JSON.stringify(got[i]));
  if (failing.length === 0) return null;
  // The smallest disagreeing program is the easiest to read.
  const size = (i) => Object.values(renderTicksProgram(programs[i])).join('').length;
  const smallest = failing.reduce((a, b) => (size(b) < size(a) ? b : a));
  const { touched, untouched } = renderTicksProgram(programs[smallest]);
  const rows = [];
  for (let k = 0; k < Math.max(expected[smallest].length, got[smallest].length); k++) {
    const mark = expected[smallest][k] === got[smallest][k] ? '  ' : '≠ ';
    rows.push(`${mark}${String(k).padStart(3)}  ${expected[smallest][k] ?? '(nothing)'}  |  ${got[smallest][k] ?? '(nothing)'}`);
  }
  return [
    `${what}: ${failing.length} of ${programs.length} programs log in another order (seed ${TICKS_SEED}; ANYCTX_TICKS_SEED=${TICKS_SEED} reproduces).`,
    `Smallest: program #${smallest}.`,
    `--- touched.mjs (rewritten)\n${touched}`,
    `--- untouched.mjs\n${untouched}`,
    `--- order: untouched program | rewritten program\n${rows.join('\n')}`,
    `Model: ${JSON.stringify(programs[smallest])}`,
  ].join('\n\n');
}

// A fixed program with every suspending form, including `await using` (Node 24 only).
const KITCHEN_SINK = {
  touched: `${MODULE_HEAD}
const resource = (name) => ({ async [Symbol.asyncDispose]() { log(name + ' dispose'); await null; log(name + ' disposed'); } });
export async function F0() {
  log('F0 start');
  await null;
  log('F0 after await null');
  await using r = resource('r0');
  { await using inner = resource('inner'); log('F0 in block'); }
  for await (const x of fns.F1()) log('F0 got ' + x);
  outer: for (const round of [1, 2]) { for await (const y of [round]) { if (round === 1) continue outer; break outer; } }
  log('F0 after labelled loops');
  try { await fns.F2(); } catch (e) { log('F0 caught ' + e.message); } finally { log('F0 finally'); }
  log('F0 ' + await await Promise.resolve('double'));
  return await Promise.resolve('F0 done');
}
export async function* F1() {
  log('F1 start');
  yield 1;
  log('F1 after yield');
  yield* fns.F3();
  log('F1 after yield*');
  yield await Promise.resolve(2);
}
export async function F2() {
  log('F2 start');
  await { then(resolve) { log('F2 then'); resolve(); } };
  throw new Error('F2');
}
`,
  untouched: `${MODULE_HEAD}
export async function* F3() { log('F3 start'); await null; yield 'from F3'; log('F3 end'); }
export function main() {
  fns.F0().then((v) => log('main got ' + v));
  Promise.resolve().then(() => log('then 1')).then(() => log('then 2')).then(() => log('then 3')).then(() => log('then 4'));
  queueMicrotask(() => log('microtask'));
  process.nextTick(() => log('tick'));
  (async () => { for (let i = 0; i < 6; i++) { await null; log('untouched ' + i); } })();
}
`,
};

function writeKitchenSink(runtime) {
  const name = `ticks-${++ticksBatches}`;
  writeFolder(`${name}-original`, { 'p0-touched.mjs': KITCHEN_SINK.touched, 'p0-untouched.mjs': KITCHEN_SINK.untouched });
  writeFolder(`${name}-transformed`, {
    'p0-touched.mjs': rewrite(KITCHEN_SINK.touched, 'p0-touched.mjs', runtime),
    'p0-untouched.mjs': KITCHEN_SINK.untouched,
  });
  writeFileSync(join(workDir, `${name}-runner.mjs`), TICKS_RUNNER);
  return { name, count: 1 };
}

describe('(a) the rewrite adds no tick', () => {
  let programs;
  before(() => {
    programs = fc.sample(ticksProgramArbitrary, { seed: TICKS_SEED, numRuns: TICKS_PROGRAMS });
  });

  it('a program with every suspending form logs in the same order (native Node 24, helpers only)', async () => {
    const batch = writeKitchenSink('#helpers-only');
    const [expected, got] = await Promise.all([
      runTicks(NATIVE_24, batch, 'original', '#helpers-only'),
      runTicks(NATIVE_24, batch, 'transformed', '#helpers-only'),
    ]);
    assert.ok(expected[0].length > 30, 'the program logs enough to compare');
    assert.deepEqual(got, expected);
  });

  it(`${TICKS_PROGRAMS} random programs log in the same order (native Node 24, helpers only; seed ${TICKS_SEED})`, async () => {
    const batch = writeTicksBatch(programs, '#helpers-only');
    const [expected, got] = await Promise.all([
      runTicks(NATIVE_24, batch, 'original', '#helpers-only'),
      runTicks(NATIVE_24, batch, 'transformed', '#helpers-only'),
    ]);
    assert.equal(expected.length, programs.length);
    assert.ok(expected.flat().length >= programs.length * 3, 'the programs log enough to compare');
    const failure = describeTicksFailure(programs, expected, got, 'native Node 24 with the helpers');
    if (failure) assert.fail(failure);
  });

  for (const [version, engine] of [['node24', PORTABLE[0]], ['node20', PORTABLE[1]]]) {
    it(`the same programs, rewritten, on the ${engine.name} log as the untouched ones on plain Node (seed ${TICKS_SEED})`, async () => {
      const batch = writeTicksBatch(programs, 'anyctx/portable');
      const [expected, got] = await Promise.all([
        runTicks(plainNode(version), batch, 'original'),
        runTicks(engine, batch, 'transformed', '#ctx'),
      ]);
      const failure = describeTicksFailure(programs, expected, got, engine.name);
      if (failure) assert.fail(failure);
    });
  }
});

// =======================================================================================
// (b) No leak.
// =======================================================================================

const LEAK_FLOWS = 3_000; // of which every fifth runs untouched code only
const LEAK_GATES = 24;
const LEAK_SEED = Number(process.env.ANYCTX_AWAIT_LEAK_SEED ?? Math.floor(Math.random() * 2 ** 31));
const LEAK_STEPS = [
  'timer', 'immediate', 'microtask', 'gate', 'thenable', 'rejection', 'untouchedModule', 'newFunction',
  'all', 'touchedGenerator', 'untouchedGenerator', 'generatorReturn', 'callbacks', 'nestedRun',
];

const LEAK_SHARED = `// Shared by all flows (never rewritten).
import { AsyncLocalStorage } from '#ctx';
export const als = new AsyncLocalStorage();
export const counts = { checks: 0, foreign: 0, lost: 0, empty: 0, finished: 0 };
export const foreignSeen = [];
// strict: the store must be the flow's own (rewritten code, and the synchronous part of
// whatever it calls). Otherwise untouched code after its own awaits: its own store or none.
export function check(expected, strict, where) {
  counts.checks++;
  const store = als.getStore();
  if (store === expected) return;
  if (store === undefined) {
    if (strict) counts.lost++;
    else counts.empty++;
    return;
  }
  counts.foreign++;
  if (foreignSeen.length < 5) foreignSeen.push(where + ': expected ' + expected + ', saw ' + store);
}
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// Gates: promises settled together, every millisecond, from a store no flow has, so that
// the continuations of many flows (rewritten and untouched) run in one microtask
// checkpoint, one after the other. A new set replaces each settled one until every flow
// has finished.
let gates = [];
let rounds = 0;
const openGates = () => {
  const settle = [];
  gates = Array.from({ length: ${LEAK_GATES} }, () => new Promise((resolve) => settle.push(resolve)));
  als.run('gatekeeper', () => setTimeout(() => {
    // At most 5,000 rounds: flows that never finish end the run rather than hang it.
    if (counts.finished < TOTAL_FLOWS && ++rounds < 5000) openGates();
    for (const resolve of settle) resolve();
  }, 1));
};
export let TOTAL_FLOWS = Infinity;
export const setTotalFlows = (n) => { TOTAL_FLOWS = n; };
openGates();
export const gate = (n) => gates[n % ${LEAK_GATES}];
`;

const LEAK_TOUCHED = `// Rewritten by the await transform.
import { als, check, counts, gate, sleep } from './shared.mjs';
import * as untouched from './untouched.mjs';
import { made } from './made.mjs';

export async function leaf(me, strict) {
  check(me, strict, 'leaf start');
  await gate(me.length + 1);
  check(me, strict, 'leaf after gate');
  await null;
  check(me, strict, 'leaf after await null');
  return me;
}

export async function* numbers(me, strict) {
  check(me, strict, 'touched generator start');
  await null;
  check(me, strict, 'touched generator after await');
  yield 1;
  await gate(1);
  check(me, strict, 'touched generator after gate');
  yield 2;
}

// An async generator awaits the value it returns: one more suspension.
export async function* returning(me, strict) {
  check(me, strict, 'returning generator start');
  await gate(me.length);
  check(me, strict, 'returning generator after gate');
  return me;
}

export async function flow(id, plan) {
  const me = 'flow-' + id;
  check(me, true, 'flow start');
  for (const step of plan) {
    switch (step) {
      case 'timer': await sleep(id % 3); break;
      case 'immediate': await new Promise((resolve) => setImmediate(resolve)); break;
      case 'microtask': await null; break;
      case 'gate': await gate(id); break;
      case 'thenable': await { then(resolve) { check(me, true, 'thenable then()'); setTimeout(resolve, id % 2); } }; break;
      case 'rejection':
        try { await Promise.reject(new Error(me)); } catch { check(me, true, 'catch'); } finally { check(me, true, 'finally'); }
        break;
      case 'untouchedModule': await untouched.work(me, id); break;
      case 'newFunction': await made.work(me, id); break;
      case 'all': await Promise.all([leaf(me, true), untouched.work(me, id), made.work(me, id), gate(id + 1)]); break;
      case 'touchedGenerator': for await (const n of numbers(me, true)) check(me, true, 'touched generator loop'); break;
      case 'untouchedGenerator': for await (const n of untouched.numbers(me, id)) check(me, true, 'untouched generator loop'); break;
      case 'generatorReturn': await returning(me, true).next(); break;
      case 'callbacks':
        queueMicrotask(() => check(me, true, 'queueMicrotask callback'));
        setTimeout(() => check(me, true, 'timer callback'), id % 2);
        Promise.resolve().then(() => check(me, true, 'then callback'));
        await sleep(0);
        break;
      case 'nestedRun':
        await als.run(me + '/inner', async () => { await gate(id + 2); check(me + '/inner', true, 'nested run'); });
        break;
    }
    check(me, true, 'after ' + step);
  }
  counts.finished++;
}
`;

const LEAK_UNTOUCHED = `// Never rewritten: its awaits lose the store, but must never find another flow's.
import { check, counts, gate, sleep } from './shared.mjs';
import * as touched from './touched.mjs';

export async function work(me, id) {
  check(me, true, 'untouched work start');
  await gate(id + 3);
  check(me, false, 'untouched work after gate');
  await touched.leaf(me, false);
  check(me, false, 'untouched work after a rewritten call');
  await null;
  check(me, false, 'untouched work after await null');
  setTimeout(() => check(me, false, 'timer set by untouched code'), 0);
  return me;
}

export async function* numbers(me, id) {
  check(me, true, 'untouched generator start');
  await sleep(id % 2);
  check(me, false, 'untouched generator after sleep');
  yield 1;
  await null;
  check(me, false, 'untouched generator after yield');
  yield 2;
}

// A flow made of untouched code only, running among the others.
export async function alone(me, id) {
  check(me, true, 'alone start');
  for (let i = 0; i < 4; i++) {
    await (i % 2 === 0 ? gate(id + i) : null);
    check(me, false, 'alone after await ' + i);
    await Promise.resolve().then(() => check(me, false, 'alone then'));
  }
  counts.finished++;
}
`;

const LEAK_MADE = `// Untouched functions built at run time: no transform can see them.
import { check, gate, sleep } from './shared.mjs';
import * as touched from './touched.mjs';
export const made = new Function('check', 'gate', 'sleep', 'touched', \`
  return {
    async work(me, id) {
      check(me, true, 'new Function start');
      await sleep(id % 2);
      check(me, false, 'new Function after sleep');
      await touched.leaf(me, false);
      check(me, false, 'new Function after a rewritten call');
      await gate(id);
      check(me, false, 'new Function after gate');
    },
  };
\`)(check, gate, sleep, touched);
`;

const LEAK_MAIN = `// Starts the flows: some at once, the others from timers, so that they overlap.
import { readFileSync } from 'node:fs';
import { als, counts, foreignSeen, setTotalFlows } from './shared.mjs';
import * as touched from './touched.mjs';
import * as untouched from './untouched.mjs';

const plans = JSON.parse(readFileSync(new URL('./plans.json', import.meta.url), 'utf8'));
setTotalFlows(plans.length);
plans.forEach((plan, id) => {
  const me = 'flow-' + id;
  const start = () => als.run(me, () => (plan === null ? untouched.alone(me, id) : touched.flow(id, plan)));
  if (id % 3 === 0) start();
  else setTimeout(start, id % 7);
});
process.on('exit', () => process.stdout.write(JSON.stringify({ ...counts, foreignSeen })));
`;


function leakPlans(seed) {
  const random = seededRandom(seed);
  const plans = [];
  for (let id = 0; id < LEAK_FLOWS; id++) {
    if (id % 5 === 4) {
      plans.push(null); // untouched code only
      continue;
    }
    const length = 3 + Math.floor(random() * 5);
    plans.push(Array.from({ length }, () => LEAK_STEPS[Math.floor(random() * LEAK_STEPS.length)]));
  }
  return plans;
}

function writeLeakProgram(name, runtime, rewritten) {
  const touched = rewritten ? rewrite(LEAK_TOUCHED, 'touched.mjs', runtime) : LEAK_TOUCHED;
  const folder = writeFolder(name, {
    'shared.mjs': LEAK_SHARED,
    'touched.mjs': touched,
    'untouched.mjs': LEAK_UNTOUCHED,
    'made.mjs': LEAK_MADE,
    'main.mjs': LEAK_MAIN,
    'plans.json': JSON.stringify(leakPlans(LEAK_SEED)),
  });
  return join(folder, 'main.mjs');
}

describe(`(b) untouched code never sees another flow's store (${LEAK_FLOWS} flows, seed ${LEAK_SEED})`, () => {
  let oracle;
  before(async () => {
    oracle = await run(ORACLE, writeLeakProgram('leak-original', null, false));
  });

  it('the oracle (untouched program, native Node 24) keeps every store and finishes every flow', () => {
    assert.deepEqual(
      { foreign: oracle.foreign, lost: oracle.lost, empty: oracle.empty, finished: oracle.finished },
      { foreign: 0, lost: 0, empty: 0, finished: LEAK_FLOWS },
    );
    assert.ok(oracle.checks > LEAK_FLOWS * 5);
  });

  for (const engine of PORTABLE) {
    it(`${engine.name}: no foreign store, rewritten code keeps its own, every check runs`, async () => {
      const got = await run(engine, writeLeakProgram(`leak-${engine.node.includes('node20') ? 20 : 24}`, 'anyctx/portable', true));
      assert.deepEqual(got.foreignSeen, [], 'foreign stores seen');
      assert.deepEqual(
        { foreign: got.foreign, lost: got.lost, finished: got.finished, checks: got.checks },
        { foreign: 0, lost: 0, finished: LEAK_FLOWS, checks: oracle.checks },
      );
    });
  }

  // A module body has no finally to run when it throws after a top-level await (imports and
  // exports cannot be wrapped): its frame is reset at the next microtask checkpoint, but code
  // resuming in the same checkpoint still sees it. README, Known differences.
  it('a module that throws after a top-level await leaves its frame to nobody', { todo: 'reset only at the next checkpoint' }, async () => {
    // The failing module and an untouched watcher wait for the same promise, so that
    // they resume in one microtask checkpoint: the module first, then the watcher.
    const files = {
      'shared.mjs': `import { AsyncLocalStorage } from '#ctx';
export const als = new AsyncLocalStorage();
let open;
export const signal = als.run('signaller', () => new Promise((resolve) => { open = resolve; }));
export const ready = () => setTimeout(open, 1);
// Untouched code: it notes every store it sees on its way.
export const watch = new Function('als', 'signal', \`return async () => {
  const seen = new Set();
  await signal;
  for (let i = 0; i < 20; i++) { seen.add(String(als.getStore())); await null; }
  return [...seen];
}\`)(als, signal);
`,
      'failing.mjs': `import { als, ready, signal } from './shared.mjs';
als.enterWith('failing module');
ready();
await signal;
throw new Error('module failed');
`,
      'main.mjs': `import { als, watch } from './shared.mjs';
const result = {};
process.on('exit', () => process.stdout.write(JSON.stringify(result)));
als.run('importer', () => import('./' + process.argv[2]).catch((e) => { result.importer = [e.message, als.getStore()]; }));
als.run('watcher', () => watch().then((seen) => { result.watcherSaw = seen; }));
`,
    };
    const folder = writeFolder('tla-throw', { ...files, 'failing-rewritten.mjs': rewrite(files['failing.mjs'], 'failing.mjs', 'anyctx/portable') });
    const oracle = await run(ORACLE, join(folder, 'main.mjs'), ['failing.mjs']);
    assert.deepEqual(oracle, { watcherSaw: ['watcher'], importer: ['module failed', 'importer'] }, 'the oracle');
    const foreign = {};
    const importer = {};
    for (const engine of PORTABLE) {
      const got = await run(engine, join(folder, 'main.mjs'), ['failing-rewritten.mjs']);
      foreign[engine.name] = got.watcherSaw.filter((store) => store !== 'watcher' && store !== 'undefined');
      importer[engine.name] = got.importer;
    }
    const expect = (value) => Object.fromEntries(PORTABLE.map((engine) => [engine.name, value]));
    assert.deepEqual(foreign, expect([]), 'stores of another flow seen by the watcher');
    assert.deepEqual(importer, expect(oracle.importer));
  });

  it('control: helpers that never put the outer frame back do leak (so the test can see leaks)', async () => {
    const got = await run(PORTABLE[0], writeLeakProgram('leak-control', '#leaky-helpers', true));
    assert.ok(got.foreign > 0, `the control run saw no foreign store: ${JSON.stringify(got)}`);
  });
});

// =======================================================================================
// (c) Values untouched.
// =======================================================================================

const VALUES_MODULE = `import { AsyncLocalStorage } from '#ctx';
const results = {};
const record = (label, value) => { results[label] = value; };
process.on('exit', () => process.stdout.write(JSON.stringify(results)));
new AsyncLocalStorage().enterWith('present'); // a store is set: the helpers have frames to move

async function awaitedValues() {
  const object = {};
  const symbol = Symbol('s');
  const fn = () => {};
  const notCallableThen = { then: 42 };
  record('await object', (await object) === object);
  record('await symbol', (await symbol) === symbol);
  record('await function', (await fn) === fn);
  record('await undefined', (await undefined) === undefined);
  record('await -0', Object.is(await -0, -0));
  record('await NaN', Number.isNaN(await NaN));
  record('await fulfilled promise', (await Promise.resolve(object)) === object);
  record('await non-callable then', (await notCallableThen) === notCallableThen);
  class Sub extends Promise {}
  record('await promise subclass', (await Sub.resolve(object)) === object);
  record('return await value', (await (async () => await object)()) === object);
  record('nested await value', (await await Promise.resolve(object)) === object);
}

async function thenables() {
  let reads = 0;
  const calls = [];
  let stage = 'before';
  const thenable = {
    get then() {
      reads++;
      return function (resolve, reject) {
        calls.push({ stage, sameThis: this === thenable, args: arguments.length, types: [typeof resolve, typeof reject] });
        resolve('resolved by the thenable');
      };
    },
  };
  const pending = (async () => await thenable)();
  stage = 'after the call';
  record('thenable result', await pending);
  record('thenable then reads', reads);
  record('thenable then calls', calls);
  const late = { then(resolve) { setTimeout(resolve, 1, 'late'); } };
  record('thenable settled later', await late);
}

async function rejections() {
  const reason = new Error('reason');
  const outcomes = {};
  try { await Promise.reject(reason); } catch (e) { outcomes.promise = e === reason; }
  try { await Promise.reject('primitive'); } catch (e) { outcomes.primitive = e === 'primitive'; }
  try { await Promise.reject(); } catch (e) { outcomes.undefinedReason = e === undefined; }
  try { await { then(_, reject) { reject(reason); } }; } catch (e) { outcomes.thenableReject = e === reason; }
  try { await { then() { throw reason; } }; } catch (e) { outcomes.thenableThrow = e === reason; }
  try { await { get then() { throw reason; } }; } catch (e) { outcomes.thenGetterThrow = e === reason; }
  const failing = async () => { await null; throw reason; };
  outcomes.asyncFunction = await failing().then(() => 'fulfilled', (e) => e === reason);
  const failingEarly = async () => { throw reason; };
  outcomes.synchronousThrow = await failingEarly().then(() => 'fulfilled', (e) => e === reason);
  try { for await (const x of [Promise.reject(reason)]) void x; } catch (e) { outcomes.forAwaitElement = e === reason; }
  try { await (async function* () { await null; throw reason; })().next(); } catch (e) { outcomes.asyncGenerator = e === reason; }
  record('rejection reasons', outcomes);
}

class Base {
  greet() { return 'base greets ' + this.name; }
  static who() { return 'Base'; }
}
Base.prototype.shared = 'shared';
class Child extends Base {
  name = 'child';
  async greet() {
    await null;
    const direct = super.greet();
    await null;
    const fromArrow = await (async () => { await null; return super.greet(); })();
    return [direct, super.shared, fromArrow];
  }
  static async who() { await null; return 'Child of ' + super.who(); }
  async assign() { await null; super.assigned = 'via super'; return this.assigned; }
  async self() { await null; return this; }
}

async function receivers() {
  const child = new Child();
  record('super in async method', await child.greet());
  record('super in static async method', await Child.who());
  record('super assignment', await child.assign());
  record('this in async method', (await child.self()) === child);
  const proto = { hello() { return 'hello from ' + this.tag; } };
  const literal = { __proto__: proto, tag: 'literal', async hello() { await null; return super.hello() + '!'; } };
  record('super in object literal async method', await literal.hello());
  async function strictThis() { await null; return this; }
  record('this with a primitive', (await strictThis.call(5)) === 5);
  record('this when called plainly', (await strictThis()) === undefined);
  const holder = { async method() { const arrow = async () => { await null; return this; }; return arrow(); } };
  record('this in an async arrow', (await holder.method()) === holder);
  const generatorHolder = { async *items() { await null; yield this; } };
  record('this in an async generator', (await generatorHolder.items().next()).value === generatorHolder);
}

async function argumentsAndNewTarget() {
  async function args(a, b) { await null; return [arguments.length, ...arguments, Object.prototype.toString.call(arguments)]; }
  record('arguments', await args(1, 2, 3));
  async function outer() { const inner = async () => { await null; return [...arguments]; }; return inner('not these'); }
  record('arguments seen by an async arrow', await outer('x', 'y'));
  async function rest(first, ...others) { await null; return [first, others]; }
  record('rest parameters', await rest(1, 2, 3));
  class Made { constructor() { this.seen = (async () => { await null; return new.target === Made; })(); } }
  record('new.target in an async arrow of a constructor', await new Made().seen);
  class Derived extends Made { constructor() { super(); this.derived = (async () => { await null; return new.target === Derived; })(); } }
  const derived = new Derived();
  record('new.target in a derived constructor', [await derived.seen, await derived.derived]);
  function Legacy() { this.seen = (async () => { await null; return new.target === Legacy; })(); }
  record('new.target in a function constructor', await new Legacy().seen);
  async function plain() { await null; return new.target; }
  record('new.target in an async function', (await plain()) === undefined);
}

function describeFunction(f) {
  return {
    name: f.name,
    length: f.length,
    constructor: Object.getPrototypeOf(f).constructor.name,
    hasPrototype: Object.prototype.hasOwnProperty.call(f, 'prototype'),
    ownKeys: Reflect.ownKeys(f).map(String).sort(),
  };
}

const symbolKey = Symbol('symbol key');
class Shapes {
  async method(a, b) { await null; }
  static async staticMethod(a) { await null; }
  async #hidden(a, b, c) { await null; }
  async [symbolKey](a) { await null; }
  async ['comp' + 'uted'](a, b = 1, c) { await null; }
  async *generatorMethod(a) { yield await a; }
  static hidden(instance) { return instance.#hidden; }
}
async function declaration(a, b, c) { await null; }
async function* generatorDeclaration(a, b) { await null; yield a; }
const anonymousExpression = async function (a, b = 2, c) { await null; };
const namedExpression = async function inner(a) { await null; };
const arrow = async (a, ...rest) => { await null; };
const expressionArrow = async (a, b) => await a;
const singleParameter = async a => await a;
const objectMethods = { async method(a, b) { await null; }, async *generator() { await null; }, async ['key'](a) { await null; }, arrow: async (x) => await x };

function functionShapes() {
  const shapes = {
    declaration, generatorDeclaration, anonymousExpression, namedExpression, arrow, expressionArrow, singleParameter,
    classMethod: Shapes.prototype.method,
    staticMethod: Shapes.staticMethod,
    privateMethod: Shapes.hidden(new Shapes()),
    symbolMethod: Shapes.prototype[symbolKey],
    computedMethod: Shapes.prototype.computed,
    generatorMethod: Shapes.prototype.generatorMethod,
    objectMethod: objectMethods.method,
    objectGenerator: objectMethods.generator,
    objectComputed: objectMethods.key,
    objectArrow: objectMethods.arrow,
    bound: declaration.bind(null, 1),
  };
  const described = {};
  for (const [key, f] of Object.entries(shapes)) described[key] = describeFunction(f);
  record('function shapes', described);
}

async function iteratorProtocol() {
  const log = [];
  const iterable = {
    get [Symbol.asyncIterator]() {
      log.push('get @@asyncIterator');
      return function (...args) {
        log.push('call @@asyncIterator with ' + args.length + ' arguments, same this ' + (this === iterable));
        let i = 0;
        const iterator = {
          get next() {
            log.push('get next');
            return function (...nextArgs) {
              log.push('next with ' + nextArgs.length + ' arguments, same this ' + (this === iterator));
              i += 1;
              return Promise.resolve({ value: i, done: i > 3 });
            };
          },
          get return() {
            log.push('get return');
            return function (...returnArgs) {
              log.push('return with ' + returnArgs.length + ' arguments, same this ' + (this === iterator));
              return Promise.resolve({ done: true });
            };
          },
          get throw() { log.push('get throw'); return undefined; },
        };
        return iterator;
      };
    },
  };
  for await (const v of iterable) { log.push('body ' + v); if (v === 2) break; }
  record('for await over an async iterable', log.splice(0));
  const syncIterable = {
    get [Symbol.asyncIterator]() { log.push('get @@asyncIterator'); return undefined; },
    get [Symbol.iterator]() {
      log.push('get @@iterator');
      return function () {
        let i = 0;
        return {
          get next() { log.push('get next'); return (...a) => { log.push('next with ' + a.length + ' arguments'); i += 1; return { value: Promise.resolve(i), done: i > 2 }; }; },
          get return() { log.push('get return'); return undefined; },
        };
      };
    },
  };
  for await (const v of syncIterable) log.push('body ' + v);
  record('for await over a sync iterable', log.splice(0));
  const results = [];
  const resultObject = { value: 'v', done: false, get extra() { return 'kept'; } };
  let given = false;
  const custom = { [Symbol.asyncIterator]() { return { next() { if (given) return Promise.resolve({ done: true }); given = true; return Promise.resolve(resultObject); } }; } };
  for await (const v of custom) results.push(v);
  record('for await values', results);
}

async function generatorValues() {
  const object = {};
  async function* echo() { let got = yield 'first'; while (true) got = yield got; }
  const g = echo();
  const first = await g.next('ignored');
  const second = await g.next(object);
  const returned = await g.return(object);
  record('async generator values', [first, second.value === object, returned.value === object, returned.done]);
  const seenByInner = [];
  const inner = { [Symbol.asyncIterator]() { return { next(...a) { seenByInner.push(a.length ? a[0] : '(no argument)'); return Promise.resolve({ value: 'i', done: seenByInner.length > 2 }); } }; } };
  async function* delegating() { const result = yield* inner; return result; }
  const d = delegating();
  await d.next('a'); await d.next('b'); await d.next('c');
  record('yield* passes next values', seenByInner);
}

function frames(error) {
  return error.stack
    .split('\\n')
    .slice(1)
    .filter((line) => line.includes('values.mjs'))
    .map((line) => line.trim().replace(/\\(?[^\\s()]*\\/([^/\\s()]+):(\\d+):\\d+\\)?$/, '$1:$2'));
}

async function stacks() {
  async function thrower() { await null; throw new Error('where'); }
  async function caller() { await null; await thrower(); }
  try { await caller(); } catch (e) { record('stack lines after awaits', frames(e)); }
  async function* generator() { await null; yield 1; throw new Error('in generator'); }
  try { for await (const x of generator()) void x; } catch (e) { record('stack lines in an async generator', frames(e)); }
}

await awaitedValues();
await thenables();
await rejections();
await receivers();
await argumentsAndNewTarget();
functionShapes();
await iteratorProtocol();
await generatorValues();
await stacks();
`;

// Sloppy mode: boxed primitive receivers and mapped arguments objects.
const VALUES_SLOPPY = `const { AsyncLocalStorage } = require('#ctx');
const results = {};
const record = (label, value) => { results[label] = value; };
process.on('exit', () => process.stdout.write(JSON.stringify(results)));
new AsyncLocalStorage().enterWith('present');

async function sloppyThis() { await null; return [typeof this, this === globalThis]; }
async function strictThis() { 'use strict'; await null; return [typeof this, this === undefined]; }
async function mapped(a) { arguments[0] = 'changed through arguments'; await null; const before = a; a = 'changed through the parameter'; return [before, arguments[0]]; }
async function unmapped(a = 1) { arguments[0] = 'changed'; await null; return a; }
(async () => {
  record('sloppy this with a primitive', await sloppyThis.call(5));
  record('sloppy this when called plainly', await sloppyThis());
  record('strict directive keeps this', await strictThis.call(undefined));
  record('mapped arguments', await mapped('original'));
  record('unmapped arguments', await unmapped('original'));
})();
`;

describe('(c) values pass through untouched', () => {
  let oracle;
  const folders = {};
  before(async () => {
    folders.original = writeFolder('values-original', { 'values.mjs': VALUES_MODULE, 'values.cjs': VALUES_SLOPPY });
    folders.transformed = writeFolder('values-transformed', {
      'values.mjs': rewrite(VALUES_MODULE, 'values.mjs', 'anyctx/portable'),
      'values.cjs': rewrite(VALUES_SLOPPY, 'values.cjs', 'anyctx/portable'),
    });
    const [module, sloppy] = await Promise.all([
      run(ORACLE, join(folders.original, 'values.mjs')),
      run(ORACLE, join(folders.original, 'values.cjs')),
    ]);
    oracle = { ...module, ...sloppy };
  });

  it('the oracle recorded every value', () => {
    assert.ok(Object.keys(oracle).length >= 40, Object.keys(oracle).join(', '));
    assert.ok(oracle['stack lines after awaits'].length >= 2, 'the stack shows the program');
  });

  for (const engine of PORTABLE) {
    it(`${engine.name}: the rewritten program sees the same values`, async () => {
      const [module, sloppy] = await Promise.all([
        run(engine, join(folders.transformed, 'values.mjs')),
        run(engine, join(folders.transformed, 'values.cjs')),
      ]);
      assert.deepEqual({ ...module, ...sloppy }, oracle);
    });
  }
});
