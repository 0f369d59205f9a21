// Differential test on random programs: fast-check generates programs (a serialisable
// model rendered to JavaScript source that imports from '#ctx'), and every program must
// log the same lines, in the same order, under the portable engine (Node 24 and Node 20)
// as under Node 24's own async_hooks, the oracle.
//
// Process starts are the cost, so the programs run in one batch per engine; a program
// that disagrees is then replayed through fast-check (same seed, its run index as path)
// so that it shrinks to a small program, which the failure message prints.
//
// Reproduce a run: ANYCTX_RANDOM_SEED=<seed> node --test test/random-programs.test.mjs
// More programs:   ANYCTX_RANDOM_PROGRAMS=5000 ...
// Keep the generated batch files: ANYCTX_RANDOM_KEEP=1 ...
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ORACLE, PORTABLE } from './engines.mjs';
import { runProgram } from './support/run-program.mjs';
import fc from 'fast-check';
import { makeProjectDir } from './support/project-dir.mjs';

const HARNESS = fileURLToPath(new URL('fixtures/random-programs/harness.mjs', import.meta.url));
const PROGRAMS = Number(process.env.ANYCTX_RANDOM_PROGRAMS ?? 1000);
const SEED = Number(process.env.ANYCTX_RANDOM_SEED ?? Math.floor(Math.random() * 2 ** 31));


// ---------------------------------------------------------------------------------------
// The model. Plain data, so fast-check can shrink it and a failure can be re-rendered.
//
// Timing rule: log order may depend only on the program. Timers of one duration run in
// the order they were created, and immediates run in the order they were queued, but a
// timer against an immediate, or timers of two durations, race against the clock. So a
// program picks ONE macrotask source ('timeout' with one duration, or 'immediate') and
// every `macro` site renders to it; nextTick, microtasks and promises mix freely.
// setTimeout(fn, 0) and setTimeout(fn, 1) are the same 1 ms timer list in Node, so
// programs with duration 1 spell it both ways.
// ---------------------------------------------------------------------------------------

const storageIndex = fc.nat({ max: 2 });
const storeValue = fc.integer({ min: 1, max: 3 }); // few values, so nested run(sameValue) happens
const contextWrap = fc.oneof(
  fc.record({ op: fc.constant('run'), s: storageIndex, v: storeValue }),
  fc.record({ op: fc.constant('exit'), s: storageIndex }),
);
const optionalWrap = fc.option(contextWrap, { nil: null });
const asyncVia = fc.constantFrom('macro', 'tick', 'microtask');
const anyVia = fc.constantFrom('sync', 'macro', 'tick', 'microtask');
const TREE = { depthIdentifier: 'tree', depthSize: 'medium', maxDepth: 8, withCrossShrink: true };
const weighted = (weight, arbitrary) => ({ weight, arbitrary });

const { stmt } = fc.letrec((tie) => ({
  block: fc.array(tie('stmt'), { maxLength: 3, depthIdentifier: 'tree' }),
  stmt: fc.oneof(
    TREE,
    weighted(3, fc.constant({ t: 'log' })),
    weighted(2, fc.record({ t: fc.constant('enterWith'), s: storageIndex, v: storeValue })),
    weighted(2, fc.record({ t: fc.constant('run'), s: storageIndex, v: storeValue, body: tie('block') })),
    weighted(1, fc.record({ t: fc.constant('exit'), s: storageIndex, body: tie('block') })),
    weighted(3, fc.record({ t: fc.constant('async'), via: asyncVia, body: tie('block') })),
    weighted(
      1,
      fc.record({
        t: fc.constant('emitter'),
        listeners: fc.array(fc.record({ wrap: optionalWrap, once: fc.boolean(), body: tie('block') }), {
          minLength: 1,
          maxLength: 2,
          depthIdentifier: 'tree',
        }),
        emits: fc.array(fc.record({ via: anyVia, wrap: optionalWrap }), { minLength: 1, maxLength: 2 }),
      }),
    ),
    weighted(
      1,
      fc.record({
        t: fc.constant('bind'),
        api: fc.constantFrom('AsyncLocalStorage', 'AsyncResource'),
        body: tie('block'),
        via: anyVia,
        wrap: optionalWrap,
      }),
    ),
    weighted(5, fc.record({ t: fc.constant('promise'), expr: tie('pexpr') })),
  ),
  // An expression whose value is a promise.
  pexpr: fc.oneof(
    TREE,
    weighted(2, fc.constant({ p: 'resolve' })),
    weighted(1, fc.constant({ p: 'reject' })),
    weighted(2, fc.record({ p: fc.constant('resolveThenable'), thenable: tie('thenable') })),
    weighted(3, fc.record({ p: fc.constant('new'), body: tie('block'), settle: tie('settle') })),
    weighted(
      2,
      fc.record({
        p: fc.constant('combine'),
        fn: fc.constantFrom('all', 'race', 'any', 'allSettled'),
        items: fc.array(tie('item'), { minLength: 1, maxLength: 3, depthIdentifier: 'tree' }),
      }),
    ),
    weighted(
      4,
      fc.record({
        p: fc.constant('then'),
        src: tie('pexpr'),
        onFulfilled: fc.option(tie('callback'), { nil: null }),
        onRejected: fc.option(tie('callback'), { nil: null }),
        wrap: optionalWrap,
      }),
    ),
    weighted(2, fc.record({ p: fc.constant('catch'), src: tie('pexpr'), callback: tie('callback'), wrap: optionalWrap })),
    weighted(2, fc.record({ p: fc.constant('finally'), src: tie('pexpr'), callback: tie('callback'), wrap: optionalWrap })),
    weighted(1, fc.record({ p: fc.constant('inContext'), wrap: contextWrap, inner: tie('pexpr') })),
  ),
  item: fc.oneof(
    TREE,
    fc.constant({ i: 'value' }),
    fc.record({ i: fc.constant('thenable'), thenable: tie('thenable') }),
    fc.record({ i: fc.constant('promise'), expr: tie('pexpr') }),
  ),
  // How a `new Promise` executor settles: now, or later from a scheduled callback.
  settle: fc.oneof(
    TREE,
    fc.record({ via: fc.constant('sync'), how: fc.constantFrom('resolve', 'reject', 'throw'), wrap: optionalWrap }),
    fc.record({ via: asyncVia, how: fc.constantFrom('resolve', 'reject'), wrap: optionalWrap }),
    fc.record({ via: anyVia, how: fc.constant('thenable'), wrap: optionalWrap, thenable: tie('thenable') }),
    fc.record({ via: anyVia, how: fc.constant('promise'), wrap: optionalWrap, expr: tie('pexpr') }),
  ),
  callback: fc.record({ body: tie('block'), ret: tie('ret') }),
  ret: fc.oneof(
    TREE,
    fc.constant({ r: 'none' }),
    fc.constant({ r: 'value' }),
    fc.constant({ r: 'throw' }),
    fc.record({ r: fc.constant('thenable'), thenable: tie('thenable') }),
    fc.record({ r: fc.constant('promise'), expr: tie('pexpr') }),
  ),
  // An object with a `then` method; a throw is only possible while `then` itself runs.
  thenable: fc.oneof(
    TREE,
    fc.record({ body: tie('block'), via: fc.constant('sync'), outcome: fc.constantFrom('resolve', 'reject', 'throw') }),
    fc.record({ body: tie('block'), via: asyncVia, outcome: fc.constantFrom('resolve', 'reject') }),
  ),
}));

const programArbitrary = fc.record({
  storages: fc.array(fc.record({ defaultValue: fc.boolean() }), { minLength: 2, maxLength: 3 }),
  macro: fc.constantFrom('timeout', 'immediate'),
  duration: fc.constantFrom(1, 2, 3),
  body: fc.array(stmt, { minLength: 1, maxLength: 5, depthIdentifier: 'tree' }),
});

// ---------------------------------------------------------------------------------------
// Rendering. Every callback logs first thing, with a label unique in the program; `track`
// and `watch` count outstanding work so the harness knows when a program has finished.
// ---------------------------------------------------------------------------------------

const STORAGE_NAMES = ['a', 'b', 'c'];

function indent(code) {
  return code
    .split('\n')
    .map((line) => (line ? `  ${line}` : line))
    .join('\n');
}

function renderProgram(program) {
  let counter = 0;
  const label = (role) => `${role}${++counter}`;
  const storage = (s) => STORAGE_NAMES[s % program.storages.length];
  const store = (s, v) => `'${storage(s)}${v}'`;
  let timerSites = 0;
  const timerDelay = () => (program.duration === 1 ? timerSites++ % 2 : program.duration);

  // `code` is an expression; the result is an expression evaluated inside the context.
  const inContext = (wrap, code) => {
    if (!wrap) return code;
    if (wrap.op === 'run') return `${storage(wrap.s)}.run(${store(wrap.s, wrap.v)}, () => ${code})`;
    return `${storage(wrap.s)}.exit(() => ${code})`;
  };
  // `fn` is a function expression; the result schedules it (counted) through `via`.
  const schedule = (via, fn) => {
    if (via === 'tick') return `process.nextTick(track(${fn}))`;
    if (via === 'microtask') return `queueMicrotask(track(${fn}))`;
    if (program.macro === 'immediate') return `setImmediate(track(${fn}))`;
    return `setTimeout(track(${fn}), ${timerDelay()})`;
  };
  const fnBody = (lines) => `{\n${indent(lines.filter(Boolean).join('\n'))}\n}`;

  const renderBlock = (stmts) => stmts.map(renderStmt).join('\n');

  function renderStmt(stmt) {
    switch (stmt.t) {
      case 'log':
        return `log('${label('log')}');`;
      case 'enterWith':
        return `${storage(stmt.s)}.enterWith(${store(stmt.s, stmt.v)});`;
      case 'run':
        return `${storage(stmt.s)}.run(${store(stmt.s, stmt.v)}, () => ${fnBody([`log('${label('run')}');`, renderBlock(stmt.body)])});`;
      case 'exit':
        return `${storage(stmt.s)}.exit(() => ${fnBody([`log('${label('exit')}');`, renderBlock(stmt.body)])});`;
      case 'async': {
        const role = stmt.via === 'macro' ? program.macro : stmt.via;
        return `${schedule(stmt.via, `() => ${fnBody([`log('${label(role)}');`, renderBlock(stmt.body)])}`)};`;
      }
      case 'emitter': {
        const emitter = label('emitter');
        const lines = [`const ${emitter} = new EventEmitter();`];
        for (const listener of stmt.listeners) {
          const method = listener.once ? 'once' : 'on';
          const fn = `(payload) => ${fnBody([`log('${label('listener')}', payload);`, renderBlock(listener.body)])}`;
          lines.push(`${inContext(listener.wrap, `${emitter}.${method}('event', ${fn})`)};`);
        }
        stmt.emits.forEach((emit, n) => {
          const call = `${emitter}.emit('event', '${emitter}#${n}')`;
          const code = emit.via === 'sync' ? call : schedule(emit.via, `() => ${call}`);
          lines.push(`${inContext(emit.wrap, code)};`);
        });
        return fnBody(lines);
      }
      case 'bind': {
        const bound = label('bound');
        const lines = [
          `const ${bound} = ${stmt.api}.bind(() => ${fnBody([`log('${bound}');`, renderBlock(stmt.body)])});`,
        ];
        const code = stmt.via === 'sync' ? `${bound}()` : schedule(stmt.via, bound);
        lines.push(`${inContext(stmt.wrap, code)};`);
        return fnBody(lines);
      }
      case 'promise':
        return `watch(${renderPromise(stmt.expr)});`;
      default:
        throw new Error(`unknown statement ${stmt.t}`);
    }
  }

  function renderThenable(thenable) {
    const name = label('thenable');
    const body = renderBlock(thenable.body);
    const settle =
      thenable.outcome === 'resolve'
        ? `onFulfilled('${name}')`
        : thenable.outcome === 'reject'
          ? `onRejected(new Error('${name}'))`
          : `throw new Error('${name}')`;
    const last =
      thenable.via === 'sync'
        ? `${settle};`
        : `${schedule(thenable.via, `() => ${fnBody([`log('${label('settle')}');`, `${settle};`])}`)};`;
    return `{ then(onFulfilled, onRejected) ${fnBody([`log('${name}');`, body, last])} }`;
  }

  function renderCallback(role, callback) {
    const name = label(role);
    const head = role === 'finally' ? `() => ` : `(value) => `;
    const first = role === 'finally' ? `log('${name}');` : `log('${name}', value);`;
    const body = renderBlock(callback.body);
    const ret = callback.ret;
    const last =
      ret.r === 'none'
        ? ''
        : ret.r === 'value'
          ? `return '${name}';`
          : ret.r === 'throw'
            ? `throw new Error('${name}');`
            : ret.r === 'thenable'
              ? `return ${renderThenable(ret.thenable)};`
              : `return ${renderPromise(ret.expr)};`;
    return head + fnBody([first, body, last]);
  }

  // `.then(...)` called inside a context: run/exit pass the source promise as argument.
  const chained = (wrap, src, call) => {
    if (!wrap) return `${src}${call}`;
    const head = wrap.op === 'run' ? `${storage(wrap.s)}.run(${store(wrap.s, wrap.v)}, ` : `${storage(wrap.s)}.exit(`;
    return `${head}(promise) => promise${call}, ${src})`;
  };

  function renderPromise(expr) {
    switch (expr.p) {
      case 'resolve':
        return `Promise.resolve('${label('resolved')}')`;
      case 'reject':
        return `Promise.reject(new Error('${label('rejected')}'))`;
      case 'resolveThenable':
        return `Promise.resolve(${renderThenable(expr.thenable)})`;
      case 'new': {
        const name = label('executor');
        const body = renderBlock(expr.body);
        const { settle } = expr;
        const action =
          settle.how === 'resolve'
            ? `resolve('${name}')`
            : settle.how === 'reject'
              ? `reject(new Error('${name}'))`
              : settle.how === 'throw'
                ? `(() => { throw new Error('${name}'); })()`
                : settle.how === 'thenable'
                  ? `resolve(${renderThenable(settle.thenable)})`
                  : `resolve(${renderPromise(settle.expr)})`;
        const last =
          settle.via === 'sync'
            ? `${inContext(settle.wrap, action)};`
            : `${schedule(settle.via, `() => ${fnBody([`log('${label('settle')}');`, `${inContext(settle.wrap, action)};`])}`)};`;
        return `new Promise((resolve, reject) => ${fnBody([`log('${name}');`, body, last])})`;
      }
      case 'combine': {
        const items = expr.items.map((item) =>
          item.i === 'value'
            ? `'${label('item')}'`
            : item.i === 'thenable'
              ? renderThenable(item.thenable)
              : renderPromise(item.expr),
        );
        return `Promise.${expr.fn}([\n${indent(items.join(',\n'))},\n])`;
      }
      case 'then': {
        const src = renderPromise(expr.src);
        const onFulfilled = expr.onFulfilled ? renderCallback('then', expr.onFulfilled) : 'undefined';
        const onRejected = expr.onRejected ? renderCallback('onRejected', expr.onRejected) : 'undefined';
        return chained(expr.wrap, src, `.then(${onFulfilled}, ${onRejected})`);
      }
      case 'catch':
      case 'finally': {
        const src = renderPromise(expr.src);
        return chained(expr.wrap, src, `.${expr.p}(${renderCallback(expr.p, expr.callback)})`);
      }
      case 'inContext':
        return inContext(expr.wrap, renderPromise(expr.inner));
      default:
        throw new Error(`unknown promise expression ${expr.p}`);
    }
  }

  const declarations = program.storages.map(
    (s, n) =>
      `const ${STORAGE_NAMES[n]} = new AsyncLocalStorage(${s.defaultValue ? `{ defaultValue: '${STORAGE_NAMES[n]}0' }` : ''});`,
  );
  return `({ log: makeLog, track, watch }) => ${fnBody([
    ...declarations,
    `const log = makeLog({ ${STORAGE_NAMES.slice(0, program.storages.length).join(', ')} });`,
    renderBlock(program.body),
  ])}`;
}

// The batch module: the programs, given to the harness (test/fixtures/random-programs/
// harness.mjs, copied next to it), which runs them one after another, each to completion, and
// prints what each one logged as JSON.
function renderBatch(programs) {
  return `import { AsyncLocalStorage, AsyncResource } from '#ctx';
import { EventEmitter } from 'node:events';
import { runBatch } from './harness.mjs';

await runBatch([
${programs.map((program) => `${indent(renderProgram(program))},`).join('\n')}
]);
`;
}

// ---------------------------------------------------------------------------------------
// Running. The batch lives in a temporary package whose '#ctx' points at the repository's
// own test/ctx targets, so it imports '#ctx' exactly like the scenario programs do.
// ---------------------------------------------------------------------------------------

let workDir;
let keepWorkDir = Boolean(process.env.ANYCTX_RANDOM_KEEP);
let batches = 0;

function createWorkDir() {
  const dir = makeProjectDir('anyctx-random-programs-', { packages: [] });
  copyFileSync(HARNESS, join(dir, 'harness.mjs'));
  return dir;
}

function writeBatch(programs) {
  const file = join(workDir, `batch-${++batches}.mjs`);
  writeFileSync(file, renderBatch(programs));
  return file;
}

async function runBatch(engine, file) {
  return (await runProgram(engine, [file], { timeout: 10 * 60 * 1000, check: true })).json();
}

// The first program whose lines differ, or -1.
function firstDifference(expected, got) {
  const length = Math.max(expected.length, got.length);
  for (let i = 0; i < length; i++) {
    if (JSON.stringify(expected[i]) !== JSON.stringify(got[i])) return i;
  }
  return -1;
}

function countDifferences(expected, got) {
  let count = 0;
  for (let i = 0; i < Math.max(expected.length, got.length); i++) {
    if (JSON.stringify(expected[i]) !== JSON.stringify(got[i])) count++;
  }
  return count;
}

async function runAlone(engine, program) {
  const [lines] = await runBatch(engine, writeBatch([program]));
  return lines;
}

// Replays run `index` of the sample through fast-check, which shrinks it while the engine
// still disagrees with the oracle. Returns the smallest disagreeing program, or null when
// the program agrees when run alone (then the batch, not the program, is at fault).
async function shrink(engine, index) {
  const details = await fc.check(
    fc.asyncProperty(programArbitrary, async (program) => {
      const [expected, got] = await Promise.all([runAlone(ORACLE, program), runAlone(engine, program)]);
      return JSON.stringify(expected) === JSON.stringify(got);
    }),
    { seed: SEED, path: String(index), interruptAfterTimeLimit: 2 * 60 * 1000 },
  );
  return details.failed ? details.counterexample[0] : null;
}

function lineDiff(expected, got) {
  const rows = [];
  for (let i = 0; i < Math.max(expected.length, got.length); i++) {
    const mark = expected[i] === got[i] ? '  ' : '≠ ';
    rows.push(`${mark}${String(i).padStart(3)}  expected ${expected[i] ?? '(nothing)'}\n       got      ${got[i] ?? '(nothing)'}`);
  }
  return rows.join('\n');
}

async function explain(engine, programs, expected, got) {
  const index = firstDifference(expected, got);
  const header =
    `${engine.name} disagrees with the oracle on ${countDifferences(expected, got)} of ${programs.length} programs ` +
    `(seed ${SEED}; reproduce with ANYCTX_RANDOM_SEED=${SEED}). First: program #${index}.`;
  const small = await shrink(engine, index);
  const program = small ?? programs[index];
  const [expectedLines, gotLines] = small
    ? await Promise.all([runAlone(ORACLE, small), runAlone(engine, small)])
    : [expected[index], got[index]];
  const runnable = writeBatch([program]);
  keepWorkDir = true;
  return [
    header,
    small ? 'Shrunk program:' : 'It agrees when run alone, so here it is as found in the batch:',
    renderProgram(program),
    'Lines (expected = oracle):',
    lineDiff(expectedLines, gotLines),
    `Runnable with its harness: ${runnable} (the oracle: ${ORACLE.node} ${ORACLE.args.join(' ')} ${runnable})`,
    `Model: ${JSON.stringify(program)}`,
  ].join('\n\n');
}

// ---------------------------------------------------------------------------------------

let programs;
let batchFile;
let oracleLines;

before(async () => {
  workDir = createWorkDir();
  programs = fc.sample(programArbitrary, { seed: SEED, numRuns: PROGRAMS });
  batchFile = writeBatch(programs);
  oracleLines = await runBatch(ORACLE, batchFile);
});

after(() => {
  if (!workDir) return;
  if (keepWorkDir) console.log(`generated programs kept in ${workDir}`);
  else rmSync(workDir, { recursive: true, force: true });
});

test(`the oracle runs all ${PROGRAMS} random programs (seed ${SEED})`, () => {
  assert.equal(oracleLines.length, programs.length, 'the batch stopped early: a program hung under the oracle');
  const problems = oracleLines.flat().filter((line) => line.startsWith('! '));
  assert.deepEqual(problems, [], 'generated programs must be well-formed');
  // Enough is observed for the comparison to mean something.
  assert.ok(oracleLines.flat().length >= programs.length * 3);
});

for (const engine of PORTABLE) {
  test(`${engine.name} logs what the oracle logs, in the same order (seed ${SEED})`, async () => {
    const got = await runBatch(engine, batchFile);
    if (firstDifference(oracleLines, got) !== -1) {
      assert.fail(await explain(engine, programs, oracleLines, got));
    }
  });
}
