// The invariants of docs/semantics.md §6 for code rewritten by the await transform:
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
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { transform } from 'anyctx-build/transform';
import { ORACLE, PORTABLE, nodeBinary } from './engines.mjs';
import { seededRandom } from './seeded-random.mjs';
import { makeProjectDir } from './support/project-dir.mjs';
import { runProgram } from './support/run-program.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------
// A temporary package: '#ctx' points at the repository's test/ctx targets, anyctx is this
// repository (so rewritten code imports 'anyctx/portable' as a user's code would), and
// two more helper modules can stand in for the runtime:
//   '#helpers-only': the helpers, with the engine uninstalled (native Node plus the helpers);
//   '#leaky-helpers': helpers that never put the outer frame back (the control of (b)).
// The programs are the files of test/fixtures/await-invariants/, copied (and rewritten) into it.
// ---------------------------------------------------------------------------------------

const fixtures = join(root, 'test', 'fixtures', 'await-invariants');
const fixture = (name) => readFileSync(join(fixtures, name), 'utf8');

let workDir;

function createWorkDir() {
  const dir = makeProjectDir('anyctx-await-invariants-', { imports: { '#helpers-only': './helpers-only.mjs', '#leaky-helpers': './leaky-helpers.mjs' } });
  for (const file of ['helpers-only.mjs', 'leaky-helpers.mjs', 'ticks-runner.mjs']) copyFileSync(join(fixtures, file), join(dir, file));
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

/** Runs `file` (with `args`) in the work dir; what it printed, parsed. */
async function run(engine, file, args = []) {
  return (await runProgram(engine, [file, ...args], { cwd: workDir, timeout: 5 * 60 * 1000, check: true })).json();
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
const returnedKind = fc.constantFrom('thenable', 'throwingThen', 'promise', 'object', 'nested');
const stepArbitrary = (generator) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ t: fc.constant('await'), what: awaitedKind }) },
    { weight: 3, arbitrary: fc.record({ t: fc.constant('call'), j: fc.nat(5), breakEarly: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('all'), js: fc.array(fc.nat(5), { minLength: 1, maxLength: 3 }) }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('spy'), via: spyVia }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('reject') }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('forAwaitArray') }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('returnAwait') }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('returnValue'), what: returnedKind }) },
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

function renderReturned(what, label) {
  switch (what) {
    case 'thenable': return `return { then(resolve) { log('${label} then called'); resolve('${label} returned'); } };`;
    // The function's promise rejects; the body's catch must not see the throw.
    case 'throwingThen': return `{ try { return { get then() { log('${label} then read'); throw new Error('${label} then'); } }; } catch { log('${label} caught in the body'); } }`;
    case 'promise': return `return Promise.resolve('${label} returned');`;
    case 'object': return `return Object('${label} returned');`;
    default: return `return { then(resolve) { log('${label} outer then'); resolve({ then(r) { log('${label} inner then'); r('${label} nested'); } }); } };`;
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
    case 'returnValue':
      // A return that goes through resolving() (also in a function with no await before it).
      return program.fns[i].generator ? 'await null;' : `if (log) ${renderReturned(step.what, label)}`;
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

// The programs of a batch run one after the other in ticks-runner.mjs (a fixture copied into
// the work dir), each until the microtask and nextTick queues are empty.
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
  return { name, count: programs.length };
}

const runTicks = (engine, batch, which, setupModule) =>
  run(engine, join(workDir, 'ticks-runner.mjs'), [`${batch.name}-${which}`, String(batch.count), ...(setupModule ? [setupModule] : [])]);

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
const KITCHEN_SINK = { touched: fixture('kitchen-sink/p0-touched.mjs'), untouched: fixture('kitchen-sink/p0-untouched.mjs') };

function writeKitchenSink(runtime) {
  const name = `ticks-${++ticksBatches}`;
  writeFolder(`${name}-original`, { 'p0-touched.mjs': KITCHEN_SINK.touched, 'p0-untouched.mjs': KITCHEN_SINK.untouched });
  writeFolder(`${name}-transformed`, {
    'p0-touched.mjs': rewrite(KITCHEN_SINK.touched, 'p0-touched.mjs', runtime),
    'p0-untouched.mjs': KITCHEN_SINK.untouched,
  });
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
const LEAK_SEED = Number(process.env.ANYCTX_AWAIT_LEAK_SEED ?? Math.floor(Math.random() * 2 ** 31));
const LEAK_STEPS = [
  'timer', 'immediate', 'microtask', 'gate', 'thenable', 'rejection', 'untouchedModule', 'newFunction',
  'all', 'touchedGenerator', 'untouchedGenerator', 'generatorReturn', 'callbacks', 'nestedRun',
];

// The flows' modules (fixtures in leak/): shared.mjs (the storage, the checks, the gates: promises
// settled together so that many flows resume in one microtask checkpoint), touched.mjs (rewritten
// by the await transform), untouched.mjs (never rewritten: its awaits lose the store, but must
// never find another flow's), made.mjs (untouched functions built by new Function), main.mjs
// (starts the flows of plans.json, some at once, the others from timers, so that they overlap).
const LEAK = Object.fromEntries(['shared', 'touched', 'untouched', 'made', 'main'].map((name) => [name, fixture(`leak/${name}.mjs`)]));

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
  const touched = rewritten ? rewrite(LEAK.touched, 'touched.mjs', runtime) : LEAK.touched;
  const folder = writeFolder(name, {
    'shared.mjs': LEAK.shared,
    'touched.mjs': touched,
    'untouched.mjs': LEAK.untouched,
    'made.mjs': LEAK.made,
    'main.mjs': LEAK.main,
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
    const files = Object.fromEntries(['shared.mjs', 'failing.mjs', 'main.mjs'].map((file) => [file, fixture(`tla-throw/${file}`)]));
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

// What a program observes of values, receivers, arguments, function shapes, iterators and
// stacks (fixtures in values/): values.mjs, a module, and values.cjs, in sloppy mode (boxed
// primitive receivers and mapped arguments objects).
const VALUES_MODULE = fixture('values/values.mjs');
const VALUES_SLOPPY = fixture('values/values.cjs');

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
