// The rewrite model (packages/anyctx-build/src/model/), in process: its modules one by one,
// and both rewriters held to its shapes. For each shape of SHAPES, a small program is
// rewritten by the oxc rewrite and by the Babel plugin, and each output must parse to the
// program the shape's template gives (compared as ESTree, without positions or parentheses).
// Run with: node --import tsx --test test/quick/*.test.mjs
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSync } from 'oxc-parser';
import { parse as babelParse } from '@babel/parser';
import babel from '@babel/core';
import { collidingWords, generatedNames } from '../../packages/anyctx-build/src/model/names.ts';
import { isRewrittenBody, isRewrittenModuleBody } from '../../packages/anyctx-build/src/model/rewritten-code.ts';
import { isSplittableBlock, isWrappableBody } from '../../packages/anyctx-build/src/model/wrappable-body.ts';
import { detectHelperStyle, helpersExportFor, moduleKindOf } from '../../packages/anyctx-build/src/model/helper-style.ts';
import { afterPrologue, directiveCount, prologueEnd } from '../../packages/anyctx-build/src/model/directive-prologue.ts';
import { PackageScopes } from '../../packages/anyctx-build/src/model/package-scope.ts';
import { SHAPES, ShapeText } from '../../packages/anyctx-build/src/model/shapes.ts';
import { isResolvingCall, mayBeThenable, resolvesThrough } from '../../packages/anyctx-build/src/model/returned-values.ts';
import {
  MAY_REWRITE, MAY_SUSPEND, SUSPENSION_POINTS, catchDefaults, firstAwaitUsing, suspensionOf,
} from '../../packages/anyctx-build/src/model/suspension-points.ts';
import { transform } from '../../packages/anyctx-build/src/transform/transform.ts';
import { anyctxBabelPlugin } from '../../packages/anyctx-build/src/babel/plugin.ts';
import { SHAPES as MAP_BACK_SHAPES } from '../rewrite/map-back.mjs';

const estree = (code, filename = 'a.mjs') => {
  const { program, errors } = parseSync(filename, code, { preserveParens: false });
  assert.deepEqual(errors, [], code);
  return program;
};
/** The statements of the first function's body in a program. */
const firstBody = (code) => {
  const program = estree(code);
  const fn = program.body.find((s) => s.type === 'FunctionDeclaration');
  return fn.body.body;
};
const babelBody = (code) => babelParse(code, { sourceType: 'module' }).program.body.find((s) => s.type === 'FunctionDeclaration').body.body;
/** The first node of a type, in pre-order. */
function find(node, type) {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = find(child, type);
      if (found) return found;
    }
    return undefined;
  }
  if (node === null || typeof node !== 'object') return undefined;
  if (node.type === type) return node;
  for (const key in node) {
    const found = key === 'type' ? undefined : find(node[key], type);
    if (found) return found;
  }
  return undefined;
}

describe('names', () => {
  it('the first set is free in a file that spells none of them', () => {
    assert.deepEqual(generatedNames(collidingWords('async function f() { await x; }')), { helpers: '__acx', frame: '__acf', awaited: '__acv', disposer: '__acd', creation: '__acc' });
  });
  it('a word the file uses, escaped or in a string, moves every name to the next set', () => {
    assert.equal(generatedNames(collidingWords('const s = "__acv";')).awaited, '__acv1');
    assert.equal(generatedNames(collidingWords('let \\u005f_acx;')).helpers, '__acx1');
    assert.equal(generatedNames(collidingWords('let __acd0x;')).disposer, '__acd1', 'a stand-in name would start with it');
  });
});

describe('rewritten code is recognised by its shape, in either AST, whatever its names', () => {
  const rewritten = 'async function f() { const F = H.enter(); let V; try { await x; } finally { H.leave(F); } }';
  it('a rewritten function body', () => {
    assert.equal(isRewrittenBody(firstBody(rewritten)), true);
    assert.equal(isRewrittenBody(babelBody(rewritten)), true);
  });
  it('not a body that only opens like one, or ends with another frame', () => {
    for (const code of [
      'async function f() { const lock = mutex.enter(); await x; }',
      'async function f() { const F = H.enter(); let V; try { await x; } finally { H.leave(G); } }',
      'async function f() { const F = H.enter(); let V; try { await x; } finally { K.leave(F); } }',
    ]) {
      assert.equal(isRewrittenBody(firstBody(code)), false, code);
      assert.equal(isRewrittenBody(babelBody(code)), false, code);
    }
  });
  it('a module body, also one of several in a bundle', () => {
    assert.equal(isRewrittenModuleBody(estree('const F = H.enter(); let V; a(); H.disposing(F);').body), true);
    assert.equal(isRewrittenModuleBody(estree('const F = H.enter(); let V; a();').body), false);
  });
});

describe('suspension points', () => {
  const kindOf = (code, type, asyncGenerator = false) => suspensionOf(find(estree(code), type), asyncGenerator);
  it('each kind, from the table both walks consult', () => {
    assert.deepEqual([...SUSPENSION_POINTS.keys()].sort(), ['AwaitExpression', 'ForOfStatement', 'ForStatement', 'ReturnStatement', 'YieldExpression']);
    assert.equal(kindOf('async function f() { await x; }', 'AwaitExpression'), 'await');
    assert.equal(kindOf('async function* f() { yield x; }', 'YieldExpression', true), 'yield');
    assert.equal(kindOf('async function* f() { return x; }', 'ReturnStatement', true), 'generator-return');
    assert.equal(kindOf('async function f() { for await (const x of xs); }', 'ForOfStatement'), 'for-await');
    assert.equal(kindOf('async function f() { for await (await using x of xs); }', 'ForOfStatement'), 'for-await');
    assert.equal(kindOf('async function f() { for (await using x of xs); }', 'ForOfStatement'), 'await-using-loop');
    assert.equal(kindOf('async function f() { for (await using x = a; ;); }', 'ForStatement'), 'await-using-for');
  });
  it('the oxc walk’s switch has a case for each node type of the table, and no other', () => {
    // The walk dispatches with a switch (faster than a look-up for every node): its cases
    // that call suspensionOf(), read from its source.
    const source = readFileSync(new URL('../../packages/anyctx-build/src/transform/walk.ts', import.meta.url), 'utf8');
    const walk = estree(source, 'walk.ts').body.find((s) => s.type === 'FunctionDeclaration' && s.id.name === 'walk');
    const cases = find(walk.body, 'SwitchStatement').cases;
    const calls = cases.findIndex((c) => find(c.consequent, 'CallExpression')?.callee.name === 'suspensionOf');
    let first = calls;
    while (first > 0 && cases[first - 1].consequent.length === 0) first--;
    assert.deepEqual(cases.slice(first, calls + 1).map((c) => c.test.value).sort(), [...SUSPENSION_POINTS.keys()].sort());
  });
  it('yield and return suspend in an async generator only; a bare return never', () => {
    assert.equal(kindOf('function* f() { yield x; }', 'YieldExpression'), undefined);
    assert.equal(kindOf('async function f() { return x; }', 'ReturnStatement'), undefined);
    assert.equal(kindOf('async function* f() { return; }', 'ReturnStatement', true), undefined);
    assert.equal(kindOf('async function f() { for (const x of xs); }', 'ForOfStatement'), undefined);
  });
  it('a block disposes, awaiting, from its first await using', () => {
    assert.equal(firstAwaitUsing(firstBody('async function f() { a(); using b = c; await using d = e; }')), 2);
    assert.equal(firstAwaitUsing(firstBody('async function f() { using b = c; }')), -1);
  });
  it('the text test: a word await or yield; the rewriters also look at a file that says async', () => {
    assert.equal(MAY_SUSPEND.test('const awaited = 1;'), false);
    assert.equal(MAY_SUSPEND.test('x = yield'), true);
    assert.equal(MAY_REWRITE.test('const asyncFn = 1;'), false);
    assert.equal(MAY_REWRITE.test('const f = async () => x;'), true);
  });
  it('catch defaults, outside functions but with a method’s computed key, alike in either AST', () => {
    const code = 'try {} catch ({ a = 1, b: [c = 2] = [], d = () => { try {} catch ({ e = 3 }) {} }, f = { [([g = 4] = [])[0]]() {} } }) {}';
    const values = (defaults) => defaults.map((pattern) => pattern.right.type === 'Literal' || pattern.right.type === 'NumericLiteral' ? pattern.right.value : pattern.right.type);
    const oxcDefaults = catchDefaults(find(estree(code), 'CatchClause').param);
    const babelDefaults = catchDefaults(find(babelParse(code).program, 'CatchClause').param);
    assert.deepEqual(values(oxcDefaults), [1, 'ArrayExpression', 2, 'ArrowFunctionExpression', 'ObjectExpression', 4]);
    assert.deepEqual(values(babelDefaults), values(oxcDefaults));
  });
});

describe('returned values: which may be thenables, alike in either AST', () => {
  const argumentOf = (code, ast) => find(ast === 'oxc' ? estree(`async function f() { return ${code}; }`, 'a.ts') : babelParse(`async function f() { return ${code}; }`, { sourceType: 'module', plugins: ['typescript'] }).program, 'ReturnStatement').argument;
  const NOT = ['1', '"s"', '`t${x}`', 'null', '1n', '-x', 'typeof x', 'x++', 'a + b', 'a instanceof B', 'await x', '[x]', '() => x', 'function () {}',
    '{ a, b: 1, c() {} }', 'a ? 1 : "b"', 'a > b && 0', '(x, 1)', 'x += 1', 'x = 1', '(1 as any)', 'x!++'];
  const MAY = ['x', 'x.y', 'f()', 'new A()', 'this', '/r/', '{ then }', '{ "then": 1 }', '{ ...a }', '{ [k]: 1 }', '{ __proto__: p }', 'class {}',
    'a ? b : 1', 'a || b', '(1, x)', 'x = y', 'x ??= y', 'x as any', 'x!', 'import("m")'];
  for (const ast of ['oxc', 'babel']) {
    it(`cannot be: primitives, awaits, fresh arrays, functions and object literals without a then of their own (${ast})`, () => {
      for (const code of NOT) assert.equal(mayBeThenable(argumentOf(code, ast)), false, code);
    });
    it(`may be: anything else (${ast})`, () => {
      for (const code of MAY) assert.equal(mayBeThenable(argumentOf(code, ast)), true, code);
    });
    it(`a value through the helper already, whatever they are called (${ast})`, () => {
      assert.equal(isResolvingCall(argumentOf('H.resolving(x)', ast)), true);
      assert.equal(isResolvingCall(argumentOf('H.resolving(x, F)', ast)), true);
      assert.equal(resolvesThrough(argumentOf('renamed$1.resolving(x)', ast)), false);
      assert.equal(resolvesThrough(argumentOf('renamed$1.resolving(x, renamed$2)', ast)), false);
      for (const code of ['H.resolving(x, 1)', 'H.resolving(x, y, z)', 'H.resolving(...x)', 'H?.resolving(x)', 'a.b.resolving(x)', 'H["resolving"](x)', 'H.resolved(x)']) {
        assert.equal(resolvesThrough(argumentOf(code, ast)), true, code);
      }
    });
  }
});

describe('wrappable bodies', () => {
  it('a var and a function of one name, or two functions, cannot be wrapped', () => {
    assert.equal(isWrappableBody(firstBody('async function f() { var a; function a() {} await x; }')), false);
    assert.equal(isWrappableBody(firstBody('async function f() { function a() {} function a() {} }')), false);
    assert.equal(isWrappableBody(firstBody('async function f() { var a; function b() { var b; } await x; }')), true);
  });
  it('a block whose statements before its first await using name what the rest declares cannot be split', () => {
    const statements = firstBody('async function f() { g(); await using r = null; function g() {} }');
    assert.equal(isSplittableBlock(statements, 1), false);
    assert.equal(isSplittableBlock(firstBody('async function f() { h(); await using r = null; function g() {} }'), 1), true);
  });
});

describe('helper style', () => {
  const style = (filename, code, hasModuleSyntax = false, plain = 'global') => detectHelperStyle({ filename, code, hasModuleSyntax, plain });
  it('by extension, then module syntax, then CommonJS, then the plain files’ style', () => {
    assert.equal(moduleKindOf('a.mts'), 'module');
    assert.equal(moduleKindOf('a.cjs'), 'commonjs');
    assert.equal(moduleKindOf('a.js'), undefined);
    assert.equal(style('a.mjs', ''), 'import');
    assert.equal(style('a.js', 'module.exports = 1', true), 'import');
    assert.equal(style('a.cts', ''), 'require');
    assert.equal(style('a.js', 'const x = require ("x")'), 'require');
    assert.equal(style('a.js', 'exports.x = 1'), 'require');
    assert.equal(style('a.js', 'f()'), 'global');
    assert.equal(style('a.js', 'f()', false, 'import'), 'import');
  });
  it('the basic export, unless a helper beyond the basic ones is called', () => {
    assert.equal(helpersExportFor(['enter', 'suspend', 'resume', 'leave', 'recover']), 'awaitFramesBasic');
    assert.equal(helpersExportFor(['enter', 'iterate']), 'awaitFrames');
  });
});

describe('directive prologue', () => {
  it('inserted code goes after the last directive, set apart where it has no semicolon', () => {
    const code = '"use strict"\n\'use asm\'\nf();';
    const body = estree(code, 'a.js').body;
    assert.equal(directiveCount(body), 2);
    assert.equal(afterPrologue(body, 0), code.indexOf('\nf()'));
    assert.equal(prologueEnd(body, code), ';');
    assert.equal(prologueEnd(estree('"use strict";f();', 'a.js').body, '"use strict";f();'), '');
    assert.equal(afterPrologue(estree('f();', 'a.js').body, 7), 7);
  });
});

describe('package scope: the nearest package.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anyctx-scope-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'app', 'src', 'deep'), { recursive: true });
  mkdirSync(join(dir, 'app', 'broken'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'outer' }));
  writeFileSync(join(dir, 'app', 'package.json'), JSON.stringify({ name: 'app', type: 'module' }));
  writeFileSync(join(dir, 'app', 'broken', 'package.json'), '{ not json');

  it('its root, name and type; a broken one ends the search, as in Node', () => {
    const scopes = new PackageScopes();
    assert.deepEqual(scopes.of(join(dir, 'app', 'src', 'deep')), { root: join(dir, 'app'), name: 'app', type: 'module' });
    assert.equal(scopes.typeOf(join(dir, 'app', 'src', 'a.js')), 'module');
    assert.equal(scopes.typeOf(join(dir, 'b.js')), 'commonjs');
    assert.deepEqual(scopes.of(join(dir, 'app', 'broken')), { root: join(dir, 'app', 'broken'), name: undefined, type: undefined });
  });
  it('each directory is read once for the life of the object', () => {
    const scopes = new PackageScopes();
    assert.equal(scopes.of(join(dir, 'app', 'src')).name, 'app');
    writeFileSync(join(dir, 'app', 'src', 'package.json'), JSON.stringify({ name: 'later' }));
    assert.equal(scopes.of(join(dir, 'app', 'src')).name, 'app');
    assert.equal(new PackageScopes().of(join(dir, 'app', 'src')).name, 'later');
  });
});

// ---------------------------------------------------------------------------------------
// The shapes: each one's program, and the program the shape's template makes of it.
// ---------------------------------------------------------------------------------------

const EXAMPLES = [
  ['helpers declaration', 'a.mjs', 'async function f() { await a; }',
    'import { awaitFramesBasic as __acx } from "anyctx/portable"; async function f() { const __acf = __acx.enter(); let __acv; try { (__acv = await __acx.suspend(__acf, a), __acx.resume(__acf, __acv, __acv = void 0)); } finally { __acx.leave(__acf); } }'],
  ['helpers declaration', 'a.cjs', 'async function f() { await a; }',
    'const { awaitFramesBasic: __acx } = require("anyctx/portable"); async function f() { const __acf = __acx.enter(); let __acv; try { (__acv = await __acx.suspend(__acf, a), __acx.resume(__acf, __acv, __acv = void 0)); } finally { __acx.leave(__acf); } }'],
  ['helpers declaration', 'a.js', 'async function f() { await a; }',
    'var __acx = globalThis[Symbol.for("anyctx.awaitFrames")]; async function f() { const __acf = __acx.enter(); let __acv; try { (__acv = await __acx.suspend(__acf, a), __acx.resume(__acf, __acv, __acv = void 0)); } finally { __acx.leave(__acf); } }'],
  ['function body', 'a.mjs', 'async function* f() { "use strict"; yield 1; }',
    'import { awaitFrames as __acx } from "anyctx/portable"; async function* f() { "use strict"; const __acf = __acx.enterGenerator(); let __acv; try { __acx.yielded(__acf, yield __acx.yielding(__acf, 1)); } finally { __acx.leave(__acf); } }'],
  ['concise arrow body', 'a.mjs', 'const f = async () => await a;',
    'import { awaitFramesBasic as __acx } from "anyctx/portable"; const f = async () => { const __acf = __acx.enter(); let __acv; try { return (__acv = await __acx.suspend(__acf, a), __acx.resume(__acf, __acv, __acv = void 0)); } finally { __acx.leave(__acf); } };'],
  ['module body', 'a.mjs', '"use strict"; await a;',
    '"use strict"; import { awaitFramesBasic as __acx } from "anyctx/portable"; const __acf = __acx.enter(); let __acv; (__acv = await __acx.suspend(__acf, a), __acx.resumeModule(__acf, __acv, __acv = void 0)); __acx.leave(__acf);'],
  ['module body', 'a.mjs', 'await using r = a;',
    'import { awaitFrames as __acx } from "anyctx/portable"; const __acf = __acx.enter(); let __acv; const r = a; await using __acd0 = __acx.disposer(__acf, r); __acx.disposing(__acf);'],
  ['await', 'a.mjs', 'async function f() { g(await a); }',
    'import { awaitFramesBasic as __acx } from "anyctx/portable"; async function f() { const __acf = __acx.enter(); let __acv; try { g((__acv = await __acx.suspend(__acf, a), __acx.resume(__acf, __acv, __acv = void 0))); } finally { __acx.leave(__acf); } }'],
  ['yield', 'a.mjs', 'async function* f() { yield a; yield; yield* b; }',
    'import { awaitFrames as __acx } from "anyctx/portable"; async function* f(...{ [__acx.creation]: __acc = __acx.capture() }) { const __acf = __acx.enterGenerator(__acc); let __acv; try { __acx.yielded(__acf, yield __acx.yielding(__acf, a)); __acx.yielded(__acf, yield __acx.yielding(__acf, void 0)); __acx.yielded(__acf, yield* __acx.yielding(__acf, b)); } finally { __acx.leave(__acf); } }'],
  ['async generator return', 'a.mjs', 'async function* f() { yield; return a, b; }',
    'import { awaitFrames as __acx } from "anyctx/portable"; async function* f(...{ [__acx.creation]: __acc = __acx.capture() }) { const __acf = __acx.enterGenerator(__acc); let __acv; try { __acx.yielded(__acf, yield __acx.yielding(__acf, void 0)); return __acx.yielding(__acf, (a, b)); } finally { __acx.leave(__acf); } }'],
  ['async function return', 'a.mjs', 'async function f() { return a; } const g = async () => b; class C { async m() { return 1; } }',
    'import { awaitFramesBasic as __acx } from "anyctx/portable"; async function f() { return __acx.resolving(a); } const g = async () => __acx.resolving(b); class C { async m() { return 1; } }'],
  ['async function return', 'a.mjs', 'async function f() { await a; return b, c; } const g = async () => h(await a);',
    'import { awaitFramesBasic as __acx } from "anyctx/portable"; async function f() { const __acf = __acx.enter(); let __acv; try { (__acv = await __acx.suspend(__acf, a), __acx.resume(__acf, __acv, __acv = void 0)); return __acx.resolving((b, c), __acf); } finally { __acx.leave(__acf); } } const g = async () => { const __acf = __acx.enter(); let __acv; try { return __acx.resolving(h((__acv = await __acx.suspend(__acf, a), __acx.resume(__acf, __acv, __acv = void 0))), __acf); } finally { __acx.leave(__acf); } };'],
  ['generator creation', 'a.mjs', 'function* f(a, b = 1,) { "use asm"; yield a; } const o = { *[k]() { yield; } }; function* g() { "use strict"; yield; } function* h(...r) { yield arguments; }',
    'import { awaitFramesBasic as __acx } from "anyctx/portable"; function* f(a, b = 1, ...{ [__acx.creation]: __acc = __acx.capture() }) { "use asm"; __acx.created(__acc); yield a; } const o = { *[k](...{ [__acx.creation]: __acc = __acx.capture() }) { __acx.created(__acc); yield; } }; function* g() { "use strict"; yield; } function* h(...r) { yield arguments; }'],
  ['catch or finally block', 'a.mjs', 'async function f() { try { await a; } catch (e) { b(e); } finally { c(); } }',
    'import { awaitFramesBasic as __acx } from "anyctx/portable"; async function f() { const __acf = __acx.enter(); let __acv; try { try { (__acv = await __acx.suspend(__acf, a), __acx.resume(__acf, __acv, __acv = void 0)); } catch (e) { __acx.recover(__acf); b(e); } finally { __acx.recover(__acf); c(); } } finally { __acx.leave(__acf); } }'],
  ['catch binding default', 'a.mjs', 'async function f() { try { await a; } catch ({ b = c }) {} }',
    'import { awaitFramesBasic as __acx } from "anyctx/portable"; async function f() { const __acf = __acx.enter(); let __acv; try { try { (__acv = await __acx.suspend(__acf, a), __acx.resume(__acf, __acv, __acv = void 0)); } catch ({ b = (__acx.recover(__acf), c) }) { __acx.recover(__acf); } } finally { __acx.leave(__acf); } }'],
  ['for await', 'a.mjs', 'async function f() { l: for await (const x of xs) g(x); }',
    'import { awaitFrames as __acx } from "anyctx/portable"; async function f() { const __acf = __acx.enter(); let __acv; try { { try { l: for await (const x of __acx.iterate(__acf, xs)) { __acx.resume(__acf); g(x); } } finally { __acx.resume(__acf); } } } finally { __acx.leave(__acf); } }'],
  ['using stand-in', 'a.mjs', 'async function f() { await using a = A, b = B; using c = C; }',
    'import { awaitFrames as __acx } from "anyctx/portable"; async function f() { const __acf = __acx.enter(); let __acv; try { const a = A; await using __acd0 = __acx.disposer(__acf, a); const b = B; await using __acd1 = __acx.disposer(__acf, b); try { const c = C; using __acd2 = __acx.syncDisposer(__acf, c); } finally { __acx.disposing(__acf); } } finally { __acx.leave(__acf); } }'],
  ['block with await using', 'a.mjs', 'async function f() { if (x) { g(); await using a = A; h(a); } }',
    'import { awaitFrames as __acx } from "anyctx/portable"; async function f() { const __acf = __acx.enter(); let __acv; try { if (x) { try { { g(); const a = A; await using __acd0 = __acx.disposer(__acf, a); try { h(a); } finally { __acx.disposing(__acf); } } } finally { __acx.resume(__acf); } } } finally { __acx.leave(__acf); } }'],
  ['for (await using … of …)', 'a.mjs', 'async function f() { l: for (await using x of xs) g(x); }',
    'import { awaitFrames as __acx } from "anyctx/portable"; async function f() { const __acf = __acx.enter(); let __acv; try { { try { l: for (const x of __acx.resuming(__acf, xs)) { __acx.resume(__acf); await using __acd0 = __acx.disposer(__acf, x); try { g(x); } finally { __acx.disposing(__acf); } } } finally { __acx.resume(__acf); } } } finally { __acx.leave(__acf); } }'],
  ['for await (await using … of …)', 'a.mjs', 'async function f() { for await (await using x of xs) g(x); }',
    'import { awaitFrames as __acx } from "anyctx/portable"; async function f() { const __acf = __acx.enter(); let __acv; try { { try { for await (const x of __acx.iterate(__acf, xs)) { __acx.resume(__acf); await using __acd0 = __acx.disposer(__acf, x); try { g(x); } finally { __acx.disposing(__acf); } } } finally { __acx.resume(__acf); } } } finally { __acx.leave(__acf); } }'],
  ['for (await using …; …; …)', 'a.mjs', 'async function f() { l: for (await using x = X; t(); u()) g(x); }',
    'import { awaitFrames as __acx } from "anyctx/portable"; async function f() { const __acf = __acx.enter(); let __acv; try { { try { const x = X; await using __acd0 = __acx.disposer(__acf, x); try { l: for (; t(); u()) g(x); } finally { __acx.disposing(__acf); } } finally { __acx.resume(__acf); } } } finally { __acx.leave(__acf); } }'],
];

/** A program as ESTree without what printing may change: positions, raw text, comments. */
function shape(code, filename) {
  const strip = (node) => {
    if (Array.isArray(node)) return node.map(strip);
    if (node === null || typeof node !== 'object') return node;
    const copy = {};
    for (const [key, value] of Object.entries(node)) {
      if (!['start', 'end', 'range', 'loc', 'raw', 'comments', 'hashbang'].includes(key)) copy[key] = strip(value);
    }
    return copy;
  };
  return strip(estree(code, filename));
}

/** The Babel plugin's output, printed (Babel reads a .js file as a script unless it has module syntax). */
const viaBabel = (code, filename) =>
  babel.transformSync(code, { filename, configFile: false, babelrc: false, sourceType: filename.endsWith('.js') ? 'unambiguous' : undefined, plugins: [anyctxBabelPlugin] }).code;

describe('the shapes: both rewriters insert what the model’s templates say', () => {
  it('SHAPES is the list the real-code invariant maps back (test/rewrite/map-back.mjs)', () => {
    assert.deepEqual(SHAPES.map((s) => s.name), MAP_BACK_SHAPES);
  });
  it('every shape has an example here', () => {
    assert.deepEqual([...new Set(EXAMPLES.map(([name]) => name))], SHAPES.map((s) => s.name));
  });
  it('the shapes’ text takes its names from the file', () => {
    const text = new ShapeText({ helpers: 'H', frame: 'F', awaited: 'V', disposer: 'D', creation: 'C' });
    assert.equal(`${text.awaitOpen}await ${text.awaitOperand}E${text.awaitClose(false)}`, '(V = await H.suspend(F, E), H.resume(F, V, V = void 0))');
    assert.equal(text.standIn('using', 3, 'x'), 'using D3 = H.syncDisposer(F, x)');
  });
  for (const [name, filename, input, expected] of EXAMPLES) {
    it(`${name}: ${input}`, () => {
      const want = shape(expected, filename);
      assert.deepEqual(shape(transform(input, { filename, sourceMap: false }).code, filename), want, 'oxc');
      assert.deepEqual(shape(viaBabel(input, filename), filename), want, 'babel');
    });
  }
});
