// Real code through both await rewriters, checked by the structural invariant
// (test/rewrite/invariant.mjs): every file of node_modules with a suspension point must map
// back to itself, parse without early errors, and be left alone by a second pass. Before the
// corpus: the harness must catch broken outputs (mutations of real ones), every shape it maps
// back is met on a small input, the rule that leaves a function as it was
// (test/rewrite/left-as-it-was.mjs) says what it should, and the cases of the
// semicolon-free code, directives and generated names, and those these tests found, hold.
//
// The corpus runs in two worker threads (test/rewrite/real-code.worker.mjs), largest files first:
// 2 min 20 s on two cores (Node 20), of which TypeScript's 9 MB typescript.js and workerd's
// 5 MB worker.mjs take 45 s each, side by side. Babel is three quarters of the time (190 of
// 250 s in the workers): a rewrite and a second pass, each most of it Babel's scope crawl.
//
// Only some files: ANYCTX_REAL_CODE_FILTER=<regexp on the path> node --test test/real-code.test.mjs
// Fewer workers:    ANYCTX_REAL_CODE_WORKERS=1 ...
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SHAPES, checkRewrite, checkWith, prepareOriginal } from './rewrite/invariant.mjs';
import { functionLeftAsItWas, moduleBodyLeftAsItWas } from './rewrite/left-as-it-was.mjs';
import { REWRITERS, helperExports } from './rewrite/rewriters.mjs';
import { RewriteTally } from './rewrite/tally.mjs';

const HELPER_EXPORTS = helperExports();
const MAY_REWRITE = /\bawait\b|\byield\b|\basync\b/;

/** Both rewriters must pass every check on `code`, rewrite it (or not), and leave so many
 * functions and module bodies as they were under the rule. */
function assertHolds(code, filename, { rewritten = true, leftByRule = 0 } = {}) {
  for (const rewriter of Object.values(REWRITERS)) {
    const result = checkWith(rewriter, code, { filename, helperExports: HELPER_EXPORTS });
    assert.equal(result.status, 'ok', `${rewriter.name} on ${filename}:\n${code}\n→ ${result.detail}`);
    assert.equal(result.rewritten, rewritten, `${rewriter.name} on ${filename}: rewritten should be ${rewritten}:\n${code}`);
    assert.equal(result.leftByRule, leftByRule, `${rewriter.name} on ${filename}: left as it was under the rule:\n${code}`);
  }
}

// ---------------------------------------------------------------------------------------
// The harness catches what it must: outputs of the rewriters, broken on purpose.
// ---------------------------------------------------------------------------------------

describe('the invariant harness', () => {
  const script = `async function f() {
  try { await x; } catch ({ a = 1 }) { g(); } finally { h(); }
  for await (const v of vs) { w(v); }
}
async function* gen() { yield; yield 1; yield* h(); }
const k = async () => await y;
`;
  const module = 'async function* gen() { yield 1 }\nexport const f = async () => await x;\n';
  const oxcOutput = (code, filename) => REWRITERS.oxc.rewrite(code, filename);
  const BROKEN = [
    ['an await without its resume', (out) => out.replace(/, __acx\.resume\(__acf, __acv, __acv = void 0\)\)/, ')'), 'violation'],
    ['an await left as it was', (out) => out.replace(/\(__acv = await __acx\.suspend\(__acf, x\), __acx\.resume\([^)]*\)\)/, 'await x'), 'violation'],
    ['a statement of the program changed', (out) => out.replace('g()', 'g(1)'), 'violation'],
    ['a statement of the program dropped', (out) => out.replace('h();', ''), 'violation'],
    ['a duplicate declaration', (out) => out.replace('let __acv;', 'let __acv; let __acv;'), 'early-error'],
    ['a syntax error', (out) => out.replace('finally {', 'finally'), 'early-error'],
    ['a catch block without its recover', (out) => out.replace(/\{__acx\.recover\(__acf\); g\(\)/, '{ g()'), 'violation'],
    ['a catch default without its recover', (out) => out.replace('(__acx.recover(__acf), 1)', '1'), 'violation'],
    ['another frame in a suspend', (out) => out.replace('suspend(__acf, x)', 'suspend(__acq, x)'), 'violation'],
    ['a function body without its leave', (out) => out.replace(/\} finally \{ __acx\.leave\(__acf\); \}\}/, '} finally { }}'), 'violation'],
    ['no helpers declaration', (out) => out.replace(/^var __acx = [^;]*;/, ''), 'violation'],
    ['a yield left as it was', (out) => out.replace('__acx.yielded(__acf, yield __acx.yielding(__acf, 1))', 'yield 1'), 'violation'],
    ['a yield* left as it was', (out) => out.replace('__acx.yielded(__acf, yield* __acx.yielding(__acf, h()))', 'yield* h()'), 'violation'],
    ['a bare yield of undefined', (out) => out.replace('yielding(__acf, void 0)', 'yielding(__acf, undefined)'), 'violation'],
    ['a for await body that does not resume', (out) => out.replace('{__acx.resume(__acf); w(v)', '{ w(v)'), 'violation'],
    ['a for await not wrapped', (out) => out.replace(/\{try\{(for await[^]*?w\(v\); \})\} finally \{ __acx\.resume\(__acf\); \}\}/, '$1'), 'violation'],
    ['an async generator entered as a function', (out) => out.replace('enterGenerator(__acc)', 'enter(__acc)'), 'violation'],
    ['an async generator whose frame does not file its creation', (out) => out.replace('enterGenerator(__acc)', 'enterGenerator()'), 'violation'],
    ['the name of a variable of the program', (out) => out.replaceAll('__acv', 'vs'), 'violation'],
  ];
  for (const [name, mutate, expected] of BROKEN) {
    it(`reports ${name} as ${expected === 'violation' ? 'a violation' : 'an early error'}`, () => {
      const output = oxcOutput(script, 'broken.js');
      const broken = mutate(output);
      assert.notEqual(broken, output, 'the mutation must change the output');
      const result = checkRewrite(script, broken, { filename: 'broken.js', helperExports: HELPER_EXPORTS });
      assert.equal(result.status, expected, result.detail);
    });
  }
  it('reports the helpers of async functions only, imported by a file that calls a generator’s', () => {
    const output = oxcOutput(module, 'broken.mjs');
    const broken = output.replace('{ awaitFrames as', '{ awaitFramesBasic as');
    assert.notEqual(broken, output);
    const result = checkRewrite(module, broken, { filename: 'broken.mjs', helperExports: HELPER_EXPORTS });
    assert.equal(result.status, 'violation', result.detail);
    assert.match(result.detail, /enterGenerator/);
  });
  it('reports a return of an async function left as it was, with or without an await in the function', () => {
    const code = 'async function f() { return a.b; }\nasync function g() { await x; return c(); }\nconst h = async () => d;\n';
    const output = oxcOutput(code, 'a.js');
    assert.equal(checkRewrite(code, output, { filename: 'a.js' }).status, 'ok');
    for (const [from, to] of [['__acx.resolving(a.b)', 'a.b'], ['__acx.resolving(c(), __acf)', 'c()'], ['__acx.resolving(d)', 'd']]) {
      const broken = output.replace(from, to);
      assert.notEqual(broken, output);
      assert.equal(checkRewrite(code, broken, { filename: 'a.js' }).status, 'violation', from);
    }
    assert.equal(checkRewrite(code, null, { filename: 'a.js' }).status, 'violation');
    assert.equal(checkRewrite('async function f() { return 1; }', null, { filename: 'a.js' }).status, 'ok');
  });
  it('reports a file with awaits left as it was', () => {
    assert.equal(checkRewrite(script, null, { filename: 'a.js' }).status, 'violation');
    assert.equal(checkRewrite('const a = 1;', null, { filename: 'a.js' }).status, 'ok');
  });
  it('reports a function left as it was that the rule does not leave so', () => {
    // f meets the rule (a var and a function of one name), g does not: g put back as it was is a violation.
    const code = 'async function f() { var a; function a() {} await x; }\nasync function g() { await y; }\n';
    const output = oxcOutput(code, 'a.js');
    const result = checkRewrite(code, output, { filename: 'a.js' });
    assert.equal(result.status, 'ok', result.detail);
    assert.equal(result.leftByRule, 1);
    const broken = output.replace(/async function g\(\) \{.*\}$/m, 'async function g() { await y; }');
    assert.notEqual(broken, output);
    assert.equal(checkRewrite(code, broken, { filename: 'a.js' }).status, 'violation');
    // A module body left as it was, where no block of it meets the rule.
    assert.equal(checkRewrite('{ await using a = null; g(); }\nawait x;', null, { filename: 'a.mjs' }).status, 'violation');
  });
  it('reports Babel’s output broken alike', () => {
    const output = REWRITERS.babel.rewrite(script, 'broken.js');
    for (const broken of [output.replace('g();', 'g(1);'), output.replace(/__acx\.recover\(__acf\);\s*g\(\);/, 'g();')]) {
      assert.notEqual(broken, output);
      assert.equal(checkRewrite(script, broken, { filename: 'broken.js' }).status, 'violation');
    }
  });
  it('skips a file that does not parse, and a rewriter that cannot parse it', () => {
    assert.equal(checkRewrite('async function (', 'x', { filename: 'a.js' }).status, 'skipped');
    // Babel's parser takes decorators only with a plugin; oxc's takes them.
    const decorated = '@decorator class A {}\nasync function f() { await x; }';
    assert.equal(checkWith(REWRITERS.babel, decorated, { filename: 'a.js' }).status, 'skipped');
    assert.equal(checkWith(REWRITERS.oxc, decorated, { filename: 'a.js' }).status, 'ok');
  });
});

// ---------------------------------------------------------------------------------------
// The rule under which a function (or module body) is left as it was: the oracle, on its own.
// ---------------------------------------------------------------------------------------

describe('the rule that leaves a function as it was', () => {
  const leftAsItWas = (code, filename = 'a.mjs') => {
    const { program } = prepareOriginal(code, filename);
    const fn = program.body.find((s) => s.type === 'FunctionDeclaration');
    return fn === undefined ? moduleBodyLeftAsItWas(program) : functionLeftAsItWas(fn);
  };
  it('a var and a function of one name, or two functions of one name, at the top level of its body', () => {
    assert.equal(leftAsItWas('async function f() { var a; function a() {} }'), true);
    assert.equal(leftAsItWas('async function f() { if (b) { for (var [a] of c); } function a() {} }'), true);
    assert.equal(leftAsItWas('async function f() { function a() {} async function* a() {} }'), true);
    // Not a var of the body's own, nor a function at its top level, nor an async function.
    assert.equal(leftAsItWas('async function f() { function a() {} function g() { var a; } class C { m() { var a; } } }'), false);
    assert.equal(leftAsItWas('async function f() { var a; { function a() {} } }', 'a.js'), false);
    assert.equal(leftAsItWas('function f() { var a; function a() {} }'), false);
  });
  it('a block that declares after its first await using a name the statements before it use', () => {
    assert.equal(leftAsItWas('async function f() { g(); await using a = null; function g() {} }'), true);
    assert.equal(leftAsItWas('async function f() { if (c) { const h = () => b.x; await using a = null; let b; } }'), true);
    assert.equal(leftAsItWas('async function f() { await using a = B; class B {} }'), true);
    assert.equal(leftAsItWas('async function f() { x.b; await using a = null; await using b = null; }'), true);
    assert.equal(leftAsItWas('async function f() { const h = () => <G />; await using a = null; class G {} }', 'a.jsx'), true);
    assert.equal(leftAsItWas('{ g(); await using a = null; function g() {} }'), true);
    // Used only after, declared as a var, in another block, or in a nested function's block.
    assert.equal(leftAsItWas('async function f() { await using a = null; g(); function g() {} }'), false);
    assert.equal(leftAsItWas('async function f() { g; await using a = null; var g; }'), false);
    assert.equal(leftAsItWas('async function f() { g(); { await using a = null; function g() {} } }'), false);
    assert.equal(leftAsItWas('async function f() { async function h() { g(); await using a = null; function g() {} } }'), false);
    // The module body's own top level is not split.
    assert.equal(leftAsItWas('g(); await using a = null; function g() {}'), false);
  });
});

// ---------------------------------------------------------------------------------------
// Every shape, met on a small input through both rewriters.
// ---------------------------------------------------------------------------------------

const SHAPE_INPUTS = {
  'helpers declaration': [
    ['export const f = async () => { await x; };', 'import.mjs'],
    ['exports.f = async () => { await x; };', 'require.cjs'],
    ['globalThis.f = async () => { await x; };', 'global.js'],
  ],
  'function body': [
    ['async function f(a, b) { "use strict"; "another"; await a; return b; }', 'a.js'],
    ['async function f(a = 1, { b } = {}, ...c) { await a; return b; }', 'a.js'],
    ['class A { async m() { await super.m(); } static async *[Symbol.asyncIterator]() { yield 1; } }', 'a.js'],
    ['const o = { async m() { await 1; }, async *g() { yield* h(); } };', 'a.js'],
  ],
  'concise arrow body': [
    ['const f = async () => await x;\nconst g = async (a) => ({ a: await a });\nconst h = async () => { return await x; };', 'a.js'],
  ],
  'module body': [
    ['const a = await import("x");\nexport default a;', 'a.mjs'],
    ['"use strict";\nawait x;\ntry { y(); } catch { z(); } finally { w(); }', 'a.mjs'],
    ['for await (const x of xs) f(x);', 'a.js'],
  ],
  await: [
    ['async function f() { const a = await (await b)[await c]; g(await d, ...(await e)); return a ? await h : await i; }', 'a.js'],
    ['async function f() { a, await b, c; x = (a, await b); for (await f; await g; await h) await i; }', 'a.js'],
    ['async function f() { class A { [await x]() {} } return new A(); }', 'a.js'],
  ],
  yield: [['async function* g() { yield; yield 1; const a = yield* h(); yield yield 2; }', 'a.js']],
  'async generator return': [['async function* g() { if (a) return; yield 1; return await b; }', 'a.js']],
  'async function return': [
    ['async function f(a) { if (a) return a.b; await a; try { return g(); } finally {} }\nconst h = async () => k();\nconst i = async () => (await x, y);\nclass A { async m() { return this; } }', 'a.js'],
    ['exports.f = async () => { return 1, b; };\nexports.g = async function () { return(a) };\nexports.h = async () => ({ then: a, b });', 'a.cjs'],
  ],
  'catch or finally block': [
    ['async function f() { try { await a; } catch (e) { b(e); } finally { c(); } try {} catch {} finally {} }', 'a.js'],
    ['async function f() { await a; class A { static { try { b(); } catch { c(); } } } }', 'a.js'],
  ],
  'catch binding default': [['async function f() { try { await a; } catch ({ b = 1, c: [d = await e] = [], f = () => { try {} catch ({ g = 2 }) {} } }) {} }', 'a.js']],
  'for await': [
    ['async function f() { outer: for await (const a of b) { inner: for await (c of d) continue outer; } }', 'a.js'],
    ['async function f() { for await (const { a = await b } of c); for await (const a of b) {} }', 'a.js'],
  ],
  'using stand-in': [['async function f() { await using a = A, b = B; using c = C; g(a, b, c); }', 'a.mjs']],
  'block with await using': [
    ['async function f() { { g(); await using a = A; using b = B; h(); } try { await using c = C; } catch { await using d = D; } finally { await using e = E; } }', 'a.mjs'],
    ['await using a = A;\nusing b = B;\ng();', 'a.mjs'],
    ['async function f() { label: { await using a = A; if (a) break label; g(); } }', 'a.mjs'],
  ],
  'for (await using … of …)': [['async function f() { outer: for (await using a of b) for (await using c of d) continue outer; }', 'a.mjs']],
  'for await (await using … of …)': [['async function f() { for await (await using a of b) { g(a); } }', 'a.mjs']],
  'for (await using …; …; …)': [['async function f() { label: for (await using a = A, b = B; a.ok(); a.next()) { if (b) continue label; } }', 'a.mjs']],
  'generator creation': [
    ['function* g(a, b = 1,) { "use asm"; yield a; } const o = { *[k](c) { yield* c; } }; class C { static *m() {} }', 'a.mjs'],
    ['async function* g(a) { yield a; } function* s() { "use strict"; yield; } function* r(...x) { yield x; } function* u() { yield arguments; }', 'a.js'],
  ],
};

describe('every shape, through both rewriters', () => {
  it('has inputs for every shape of the harness', () => {
    assert.deepEqual(Object.keys(SHAPE_INPUTS).sort(), [...SHAPES].sort());
  });
  for (const [shape, inputs] of Object.entries(SHAPE_INPUTS)) {
    it(shape, () => {
      for (const [code, filename] of inputs) assertHolds(code, filename);
    });
  }
  it('TypeScript and JSX', () => {
    assertHolds('async function f<T>(a: Promise<T>): Promise<T> { const b = <T>await a; return (await a) as T; }', 'a.ts');
    assertHolds('export async function f(a: Promise<number>): Promise<number> { return (await a)! satisfies number; }', 'a.mts');
    assertHolds('const App = async () => <div>{await x}</div>;', 'a.tsx');
    assertHolds('const App = async () => <div>{await x}</div>;', 'a.jsx');
  });
});

// ---------------------------------------------------------------------------------------
// Semicolon-free code, directives without `;`, programs using the generated names, and
// files that only spell a rewritten body.
// ---------------------------------------------------------------------------------------

describe('semicolon-free code, directives, generated names, spelled bodies', () => {
  // A line the rewrite may start with `(` follows a statement without `;`: how that statement ends…
  const ENDINGS = ["log('x')", 'a', 'a[0]', 'a.b', '`t${1}`', '/r/g', 'a++', 'a--', '1', "'s'", 'x = {}', 'f(function () {})', 'new A'];
  // …and how the next line starts (some of which continue the statement above in the original too).
  const STARTS = ['await y', '(await y)', '[await y]', '`${await y}`', '/x/.test(await y)', '+await y', '-await y', 'await y\n(z)', '++a\nawait y', '--a\nawait y'];
  it('semicolon-free statements in an async function and at the top level of a module', () => {
    let parsed = 0;
    for (const ending of ENDINGS) {
      for (const start of STARTS) {
        for (const [code, filename] of [[`async function f() {\n  ${ending}\n  ${start}\n}`, 'a.js'], [`${ending}\n${start}\n`, 'a.mjs']]) {
          for (const rewriter of Object.values(REWRITERS)) {
            const result = checkWith(rewriter, code, { filename, helperExports: HELPER_EXPORTS });
            if (result.status === 'skipped') continue;
            parsed++;
            assert.equal(result.status, 'ok', `${rewriter.name} on ${filename}:\n${code}\n→ ${result.detail}`);
          }
        }
      }
    }
    assert.ok(parsed > ENDINGS.length * STARTS.length, `only ${parsed} of the programs parse`);
  });
  it('a statement after an await, and after a for await, without `;`', () => {
    assertHolds('async function f() {\n  await x\n  (g)()\n  for await (const a of b) c\n  [1].map(h)\n}', 'a.js');
    assertHolds('const a = await x\n;[a].map(f)\nlet b = await y\n`t`', 'a.mjs');
  });
  it('"use strict" without `;`, at the top of the file and of a function', () => {
    assertHolds("'use strict'\nasync function f() { await x }", 'a.js');
    assertHolds("'use strict'\n'another'\nexports.f = async () => { 'use strict'\n await x }", 'a.cjs');
    assertHolds("async function f() {\n  'use strict'\n  await x\n}", 'a.js');
    assertHolds("'use strict'\nawait x", 'a.mjs');
    assertHolds("#!/usr/bin/env node\n'use strict'\nawait x", 'a.mjs');
  });
  it('programs that declare the generated names', () => {
    assertHolds('var __acx = 1, __acf = 2, __acv = 3, __acd0 = 4;\nasync function f() { await using a = A; await __acx; }', 'a.mjs');
    assertHolds('async function f(__acx, __acf, __acv, __acd0) { await x; return [__acx, __acf, __acv, __acd0]; }', 'a.js');
    assertHolds('async function f() { let __acx, __acf; const __acv = await x; { let __acd0 = 1; await using a = A; } }', 'a.mjs');
    assertHolds('const __acx = await x, __acf = 1;\nexport { __acx, __acf };', 'a.mjs');
  });
  it('a file whose string or comment spells a rewritten body is still rewritten', () => {
    assertHolds('// const __acf = __acx.enter(\nasync function f() { await x; return "__acf = __acx.enter("; }', 'a.js');
    assertHolds('const s = `const __acf = __acx.enter(); let __acv;`;\nexport async function f() { await s; }', 'a.mjs');
  });
  it('a file rewritten before is left alone, its names renamed or not, and what it gained since is rewritten', () => {
    const code = 'export async function f() { await x; }\nexport async function* g() { yield 1; }\nawait y;\n';
    const output = REWRITERS.oxc.rewrite(code, 'a.mjs');
    assertHolds(output, 'a.mjs', { rewritten: false });
    assertHolds(output.replaceAll('__acx', 'helpers$1').replaceAll('__acf', 'frame').replaceAll('__acv', 'value'), 'a.mjs', { rewritten: false });
    assertHolds(`${output}export async function h() { await z; }\n`, 'a.mjs');
  });
});

// ---------------------------------------------------------------------------------------
// Found by the corpus and the random programs (test/rewrite-random.test.mjs), none of them
// one of the report's: each the smallest program that shows it.
// ---------------------------------------------------------------------------------------

describe('found by these tests', () => {
  it('an await or yield with no space before its operand (`await(x)`, as minifiers write it)', () => {
    assertHolds('async function f() { return await(x); }', 'a.js');
    assertHolds('async function f() { return d(await(0, x.stat)(t)); }', 'a.js');
    assertHolds('async function* g() { yield(1); }', 'a.js');
  });
  it('an async generator returning a comma expression', () => {
    assertHolds('async function* g() { yield; return 1, 2; }', 'a.js');
  });
  it('a bare yield that ends its statement without `;`, before a line that starts with `(`, `[`, `` ` ``, `/`, `+` or `-`', () => {
    for (const next of ['(x)', '[x].map(f)', '`t`', '/r/.test(x)', '+x', '-x', '// c\n(x)']) assertHolds(`async function* g() { yield\n${next} }`, 'a.js');
  });
  it('a bare yield where a variable named undefined is in scope', () => {
    assertHolds('async function* g(undefined) { yield; }', 'a.js');
  });
  it('a declaration after the first await using, used before it: the function, or the module body, left as it was', () => {
    const left = { rewritten: false, leftByRule: 1 };
    assertHolds('async function f() { g(); await using a = null; function g() {} }', 'a.mjs', left);
    assertHolds('async function f() { const h = () => b; await using a = null; let b = 1; return h(); }', 'a.mjs', left);
    assertHolds('async function f() { if (c) { g(b); await using a = null; await using b = null; } }', 'a.mjs', left);
    assertHolds('{ g(); await using a = null; function g() {} }\nawait x;', 'a.mjs', left);
    // The functions in it are rewritten on their own; the module body's own top level is split nowhere.
    assertHolds('{ g(); await using a = null; function g() {} }\nawait x;\nexport const h = async () => { await y; };', 'a.mjs', { leftByRule: 1 });
    assertHolds('g(); await using a = null; function g() {}', 'a.mjs');
  });
  it('a declaration after the first await using, named before it in JSX', () => {
    // A rewriter bug, open: both rewriters split the block, as the rule they share
    // (packages/anyctx-build/src/model/wrappable-body.ts) looks for Identifier nodes only and <G /> is a
    // JSXIdentifier. The class moves into a block of its own, and h() throws "G is not defined".
    assertHolds('async function f() { const h = () => <G />; await using a = null; class G {} return h(); }', 'a.jsx', { rewritten: false, leftByRule: 1 });
  });
  it('a function body with a var and a function of one name, or two functions of one name: left as it was', () => {
    assertHolds('async function f() { var a; function a() {} await x; }', 'a.js', { rewritten: false, leftByRule: 1 });
    assertHolds('async function* f() { function a() {} function a() {} yield 1; return 2; }', 'a.js', { rewritten: false, leftByRule: 1 });
    assertHolds('async function f() { var a; function a() {} await x; return async () => { await y; }; }', 'a.js', { leftByRule: 1 });
  });
  it('a function that opens with a call of some enter(), not rewritten before', () => {
    assertHolds('async function f() { const lock = mutex.enter(); await x; }', 'a.js');
    assertHolds('async function f() { const __acf = __acx.enter(); await x; }', 'a.js');
  });
  it('a CommonJS module that declares its own require: a limitation the README documents, reported', () => {
    for (const rewriter of Object.values(REWRITERS)) {
      const result = checkWith(rewriter, 'var require = 1;\nexports.f = async () => await x;', { filename: 'a.cjs' });
      assert.equal(result.status, 'violation');
      assert.match(result.detail, /refers to require/);
    }
  });
});

// ---------------------------------------------------------------------------------------
// The corpus.
// ---------------------------------------------------------------------------------------

const NODE_MODULES = fileURLToPath(new URL('../node_modules', import.meta.url));
const SOURCE_FILE = /\.(?:[mc]?[jt]s|tsx)$/;
const DECLARATION_FILE = /\.d\.[mc]?ts$/;
/** The repository's own build, should a package link to it: the engine is not real code. */
const OWN_BUILD = /[\\/](?:anyctx|anyctx)[\\/]dist[\\/]/;

/** The source files of node_modules, one per content (symbolic links not followed). */
function corpus(filter) {
  const hashes = new Set();
  const files = [];
  let seen = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile() && SOURCE_FILE.test(entry.name) && !DECLARATION_FILE.test(entry.name) && !OWN_BUILD.test(path)) {
        if (filter && !filter.test(path)) continue;
        const text = readFileSync(path, 'utf8');
        const hash = createHash('sha1').update(text).digest('hex');
        if (hashes.has(hash)) continue;
        hashes.add(hash);
        seen++;
        if (MAY_REWRITE.test(text)) files.push({ path, size: text.length });
      }
    }
  };
  visit(NODE_MODULES);
  // Largest first: the last to finish is then a small one, and the two workers end together.
  files.sort((a, b) => b.size - a.size);
  return { seen, files: files.map((file) => file.path) };
}

/** Every file through a pool of workers; resolves to their answers. */
function checkAll(files, workers) {
  const queue = [...files];
  const answers = [];
  const runOne = () =>
    new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./rewrite/real-code.worker.mjs', import.meta.url), {
        workerData: { helperExports: HELPER_EXPORTS },
        // Deep ASTs (long `a + b + …` chains of bundles) and two ASTs of a 9 MB file at once.
        resourceLimits: { stackSizeMb: 64, maxOldGenerationSizeMb: 4096 },
      });
      let current;
      const next = () => {
        current = queue.shift();
        if (current === undefined) worker.terminate().then(() => resolve());
        else worker.postMessage(current);
      };
      worker.on('message', (answer) => {
        answers.push(answer);
        next();
      });
      worker.on('error', (error) => reject(new Error(`a worker failed on ${current}: ${error.stack}`)));
      next();
    });
  return Promise.all(Array.from({ length: workers }, runOne)).then(() => answers);
}

test('real code: every file of node_modules with a suspension point, through both rewriters', { timeout: 15 * 60_000 }, async (t) => {
  const started = performance.now();
  const filter = process.env.ANYCTX_REAL_CODE_FILTER ? new RegExp(process.env.ANYCTX_REAL_CODE_FILTER) : null;
  const workers = Number(process.env.ANYCTX_REAL_CODE_WORKERS ?? 2);
  const { seen, files } = corpus(filter);
  const answers = await checkAll(files, workers);
  const seconds = ((performance.now() - started) / 1000).toFixed(0);

  const suspending = answers.filter((answer) => answer.suspends);
  const checked = answers.filter((answer) => answer.suspends || answer.resolves);
  const tally = new RewriteTally(Object.keys(REWRITERS));
  const failures = [];
  for (const answer of checked) {
    for (const [name, result] of Object.entries(answer.results)) {
      tally.add(name, result, result.ms);
      if (result.status !== 'ok' && result.status !== 'skipped') failures.push({ name, file: answer.file, ...result });
    }
  }
  const slowest = [...answers].sort((a, b) => b.ms - a.ms).slice(0, 3);
  const lines = [
    `${seen} source files (one per content), ${files.length} that say await, yield or async, ${answers.filter((a) => !a.parsed).length} of them unparsable, ` +
      `${suspending.length} with a suspension point, ${checked.length - suspending.length} more with only an async function's return to rewrite; ${seconds} s in ${workers} workers, the slowest ` +
      `${slowest.map((a) => `${a.file.slice(NODE_MODULES.length + 1)} ${(a.ms / 1000).toFixed(1)} s`).join(', ')}`,
    ...tally.lines(),
  ];
  for (const line of lines) t.diagnostic(line);

  const shown = failures
    .slice(0, 8)
    .map((f) => `${f.name} ${f.status} on ${f.file.slice(NODE_MODULES.length + 1)}:\n  ${f.detail.slice(0, 800).replace(/\n/g, '\n  ')}`);
  assert.equal(failures.length, 0, `${failures.length} failures (first ${shown.length}):\n${shown.join('\n')}\n${lines.join('\n')}`);
  if (filter === null) assert.ok(suspending.length > 500, `the corpus has only ${suspending.length} files with a suspension point`);
});
