// Unit tests of the await transform (`anyctx-build/transform`), and the corpus of forms run
// through both rewriters.
//
// Every syntax form that can suspend an async function is a small module of test/forms/
// (see its README.md). Each form must be rewritten (every `await` and `for await` goes
// through the helpers, and so does every function with an `await using`), must still parse,
// must keep every original line on its line number, must map its awaits back to their
// original positions, and must be left alone when transformed again. Then each form runs:
// the original under Node 24's own async_hooks (the oracle, whose observations are the
// expected ones), and its rewrites by anyctx-build/transform and by the Babel plugin under
// the portable engine on Node 24 and Node 20; the stores and values each form observes must
// be the same. The forms run in one process per engine and rewriter.
//
// Keep the generated files: ANYCTX_TRANSFORM_KEEP=1 node --test test/transform.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { parseSync } from 'oxc-parser';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { transform } from 'anyctx-build/transform';
import { ORACLE, PORTABLE } from './engines.mjs';
import { rebundledRewrite } from './rebundled.mjs';
import { createWorkDir, runForms, runnableForms, runsOn, syntaxOnlyForms, writeForms } from './rewrite/forms.mjs';
import { REWRITERS } from './rewrite/rewriters.mjs';

const forms = runnableForms();
const syntaxOnly = syntaxOnlyForms();
/** Every form is read and rewritten; only JavaScript and module TypeScript ones run. */
const allForms = [...forms, ...syntaxOnly];

// ---------------------------------------------------------------------------------------
// Reading the output.
// ---------------------------------------------------------------------------------------

function parse(fileName, code) {
  return parseSync(fileName, code, fileName.endsWith('.js') ? { sourceType: 'unambiguous' } : {});
}

// Pre-order walk over an ESTree AST, with each node's parent.
function walk(node, visit, parent = null) {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit, parent);
    return;
  }
  if (node === null || typeof node !== 'object' || typeof node.type !== 'string') return;
  visit(node, parent);
  for (const key of Object.keys(node)) {
    if (key === 'type' || key === 'start' || key === 'end') continue;
    const value = node[key];
    if (value !== null && typeof value === 'object') walk(value, visit, node);
  }
}

function nodesOf(program, predicate) {
  const found = [];
  walk(program, (node, parent) => {
    if (predicate(node)) found.push({ node, parent });
  });
  return found.sort((a, b) => a.node.start - b.node.start);
}

// The local name the rewritten code gives the helpers (`awaitFrames` or `awaitFramesBasic`
// of the runtime), from its import, its require or its global lookup.
const HELPER_EXPORTS = ['awaitFrames', 'awaitFramesBasic'];
function helpersBinding(program) {
  let name = null;
  walk(program, (node) => {
    if (name !== null) return;
    if (node.type === 'ImportSpecifier' && HELPER_EXPORTS.includes(node.imported.name ?? node.imported.value)) name = node.local.name;
    if (node.type === 'VariableDeclarator' && node.id.type === 'ObjectPattern') {
      const property = node.id.properties.find((p) => HELPER_EXPORTS.includes(p.key?.name));
      if (property) name = property.value.name;
    }
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init?.type === 'MemberExpression') {
      const key = node.init.property;
      const isGlobalLookup =
        node.init.object.name === 'globalThis' && key.type === 'CallExpression' && key.arguments[0]?.value === 'anyctx.awaitFrames';
      if (isGlobalLookup) name = node.id.name;
    }
  });
  return name;
}

const isHelperCall = (node, helpers) =>
  node?.type === 'CallExpression' && node.callee.type === 'MemberExpression' && node.callee.object.name === helpers;

// The awaits whose result goes straight to the helpers: `(v = await …, helpers.resume(f, v, …))`.
function resumedAwaits(program, helpers) {
  const found = new Set();
  walk(program, (node) => {
    if (node.type !== 'SequenceExpression' || node.expressions.length !== 2) return;
    const [assignment, call] = node.expressions;
    if (assignment.type !== 'AssignmentExpression' || assignment.right.type !== 'AwaitExpression') return;
    if (isHelperCall(call, helpers) && call.arguments[1]?.name === assignment.left.name) found.add(assignment.right);
  });
  return found;
}

function lineColumn(code, offset) {
  const before = code.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) };
}

// Whether an original line is still on its line: its characters in order, apart from the
// `await using` / `using` keywords of a declaration that became a `const` with a stand-in.
function keptOnLine(line, outputLine) {
  if (isSubsequence(line, outputLine)) return true;
  // A C-style for head's declaration is written before the loop: `for (` and the loop's
  // labels come after it.
  const rewritten = line.replace(/(?:[\w$]+\s*:\s*)*\bfor\s*\(\s*await\s+using\b/g, 'const').replace(/\b(?:await\s+)?using(?=\s+[\w$])/g, 'const');
  return isSubsequence(rewritten, outputLine);
}

function isSubsequence(needle, haystack) {
  let at = 0;
  for (const char of needle) {
    at = haystack.indexOf(char, at);
    if (at === -1) return false;
    at += 1;
  }
  return true;
}

// Where a suspension can be: each `await` and each `for await` loop, in source order.
const isSuspensionPoint = (node) => node.type === 'AwaitExpression' || (node.type === 'ForOfStatement' && node.await === true);

const isFunctionNode = (node) => /^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression)$/.test(node.type);

// Each `await using` declaration with the function (or program) it belongs to.
function awaitUsingDeclarations(program) {
  const found = [];
  const visit = (node, owner) => {
    if (Array.isArray(node)) return node.forEach((child) => visit(child, owner));
    if (node === null || typeof node !== 'object' || typeof node.type !== 'string') return;
    if (node.type === 'VariableDeclaration' && node.kind === 'await using') found.push({ node, owner });
    const next = isFunctionNode(node) ? node : owner;
    for (const key of Object.keys(node)) if (node[key] !== null && typeof node[key] === 'object') visit(node[key], next);
  };
  visit(program, program);
  return found;
}

// Whether `owner`'s own code (not that of functions inside it) calls the helpers.
function callsHelpers(owner, helpers) {
  let found = false;
  const visit = (node) => {
    if (found || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node.type !== 'string') return;
    if (node !== owner && isFunctionNode(node)) return;
    if (isHelperCall(node, helpers)) found = true;
    for (const key of Object.keys(node)) if (node[key] !== null && typeof node[key] === 'object') visit(node[key]);
  };
  visit(owner.body);
  return found;
}

// ---------------------------------------------------------------------------------------
// Rewriting and running the forms (test/rewrite/forms.mjs).
// ---------------------------------------------------------------------------------------

/** The oxc rewrite of each form, by name: its result (code and map), or `{ error }`. */
const transformed = new Map();
/** What each form saw: the oracle's, and each rewriter's on each portable engine. */
let oracleResults;
const portableResults = new Map();
/** What the Babel plugin threw, by form. */
let babelErrors;
const resultsKey = (rewriter, engine) => `${rewriter} on ${engine.name}`;
let workDir;

before(async () => {
  for (const form of allForms) {
    try {
      transformed.set(form.name, transform(form.source, { filename: form.name }));
    } catch (error) {
      transformed.set(form.name, { error });
    }
  }
  workDir = createWorkDir();
  writeForms(workDir, 'original', forms);
  const written = {
    oxc: writeForms(workDir, 'oxc', forms, (form) => rewrite(form).code),
    babel: writeForms(workDir, 'babel', forms, (form, path) => REWRITERS.babel.rewrite(form.source, path)),
  };
  babelErrors = new Map([...written.babel].filter(([, result]) => result.error).map(([name, result]) => [name, result.error]));
  const runnable = (engine, rewriter) => forms.filter((form) => runsOn(engine, form) && !written[rewriter]?.get(form.name).error).map((form) => form.name);
  const runs = [runForms(ORACLE, workDir, 'original', runnable(ORACLE))];
  for (const rewriter of Object.keys(written)) {
    for (const engine of PORTABLE) {
      runs.push(runForms(engine, workDir, rewriter, runnable(engine, rewriter)).then((results) => portableResults.set(resultsKey(rewriter, engine), results)));
    }
  }
  [oracleResults] = await Promise.all(runs);
});

after(() => {
  if (!workDir) return;
  if (process.env.ANYCTX_TRANSFORM_KEEP) console.log(`generated files kept in ${workDir}`);
  else rmSync(workDir, { recursive: true, force: true });
});

/** The oxc rewrite of a form (throws what the rewrite threw). */
function rewrite(form) {
  const output = transformed.get(form.name);
  if (output.error) throw output.error;
  return output;
}

// ---------------------------------------------------------------------------------------

describe('every syntax form is rewritten', () => {
  for (const form of allForms) {
    it(form.name, () => {
      const output = rewrite(form);
      assert.equal(output.changed, true);
      const parsed = parse(form.name, output.code);
      assert.deepEqual(parsed.errors, [], 'the output must parse');
      const helpers = helpersBinding(parsed.program);
      assert.ok(helpers, 'the output binds the helpers');
      // Every await hands its operand to the helpers and its result back to them; every
      // for await loop iterates through them.
      const resumed = resumedAwaits(parsed.program, helpers);
      for (const { node } of nodesOf(parsed.program, isSuspensionPoint)) {
        const where = `${node.type} at ${JSON.stringify(lineColumn(output.code, node.start))}`;
        if (node.type === 'AwaitExpression') {
          assert.ok(isHelperCall(node.argument, helpers), `${where}: the operand goes through the helpers`);
          assert.ok(resumed.has(node), `${where}: the result goes through the helpers`);
        } else {
          assert.ok(isHelperCall(node.right, helpers), `${where}: the iterable goes through the helpers`);
        }
      }
      // `await using` suspends where its scope ends: its function must be rewritten too.
      for (const { node, owner } of awaitUsingDeclarations(parsed.program)) {
        const where = `await using at ${JSON.stringify(lineColumn(output.code, node.start))}`;
        assert.ok(callsHelpers(owner, helpers), `${where}: its function goes through the helpers`);
      }
      const original = parse(form.name, form.source);
      assert.equal(
        nodesOf(parsed.program, isSuspensionPoint).length,
        nodesOf(original.program, isSuspensionPoint).length,
        'no suspension point is added or lost',
      );
    });
  }
});

describe('every form runs as it does on native Node 24, through either rewriter', () => {
  it('the oracle ran every form, each observing something', () => {
    for (const form of forms) {
      if (!runsOn(ORACLE, form)) continue;
      const result = oracleResults[form.name];
      assert.ok(Array.isArray(result) && result.length > 0, `${form.name}: ${JSON.stringify(result)}`);
    }
    assert.equal(oracleResults.unhandledRejections, undefined);
  });

  for (const rewriter of ['oxc', 'babel']) {
    for (const engine of PORTABLE) {
      describe(resultsKey(rewriter, engine), () => {
        for (const form of forms) {
          const skip = runsOn(engine, form) ? false : form.node24Only;
          it(form.name, { skip }, () => {
            if (rewriter === 'oxc') rewrite(form);
            else if (babelErrors.has(form.name)) throw babelErrors.get(form.name);
            assert.deepEqual(portableResults.get(resultsKey(rewriter, engine))[form.name], oracleResults[form.name]);
          });
        }
        it('no unhandled rejection', () => {
          assert.equal(portableResults.get(resultsKey(rewriter, engine)).unhandledRejections, undefined);
        });
      });
    }
  }
});

describe('every original line keeps its line number', () => {
  for (const form of allForms) {
    it(form.name, () => {
      const outputLines = rewrite(form).code.split('\n');
      form.source.split('\n').forEach((line, i) => {
        assert.ok(
          keptOnLine(line, outputLines[i] ?? ''),
          `line ${i + 1} moved or changed:\n  original: ${line}\n  output:   ${outputLines[i]}`,
        );
      });
    });
  }
});

describe('the source map points every suspension point back to its original position', () => {
  for (const form of allForms) {
    it(form.name, () => {
      const output = rewrite(form);
      assert.ok(output.map, 'a map is emitted by default');
      const map = new TraceMap(output.map);
      assert.deepEqual(map.sources.map((s) => s.split('/').pop()), [basename(form.name)]);
      assert.equal(map.sourcesContent?.[0], form.source, 'the map carries the original text');
      const originalPoints = nodesOf(parse(form.name, form.source).program, isSuspensionPoint);
      const outputPoints = nodesOf(parse(form.name, output.code).program, isSuspensionPoint);
      assert.equal(outputPoints.length, originalPoints.length);
      outputPoints.forEach(({ node }, i) => {
        const generated = lineColumn(output.code, node.start);
        const expected = lineColumn(form.source, originalPoints[i].node.start);
        const traced = originalPositionFor(map, generated);
        assert.deepEqual(
          { line: traced.line, column: traced.column },
          expected,
          `${node.type} #${i} at ${JSON.stringify(generated)} in the output`,
        );
      });
    });
  }

  it('sourceMap: false emits no map', () => {
    const { code, map, changed } = transform('async function f() { await 1; }', { filename: 'f.mjs', sourceMap: false });
    assert.equal(changed, true);
    assert.equal(map, null);
    assert.notEqual(code, 'async function f() { await 1; }');
  });
});

describe('transforming twice changes nothing more', () => {
  for (const form of allForms) {
    it(form.name, () => {
      const once = rewrite(form);
      const twice = transform(once.code, { filename: form.name });
      assert.equal(twice.changed, false);
      assert.equal(twice.code, once.code);
    });
  }

  it('nor after a bundler renamed the helpers of the rewritten code', async () => {
    const bundled = await rebundledRewrite((code, path) => transform(code, { filename: path }).code);
    assert.doesNotMatch(bundled, /__acx\.enter/, 'the bundler renamed the helpers (the case is meaningful)');
    const again = transform(bundled, { filename: 'entry.js' });
    assert.equal(again.changed, false);
    assert.equal(again.code, bundled);
  });

  it('a function that only opens like rewritten code is rewritten', () => {
    const code = 'async function f() { const lock = mutex.enter(); await x; }';
    assert.match(transform(code, { filename: 'f.mjs', sourceMap: false }).code, /__acx\.suspend\(/);
  });
});

// A body wrapped in \`try\`, or a block split at its first \`await using\`, would not mean what it
// meant (packages/anyctx-build/src/model/wrappable-body.ts): such a function is left as it was, and the
// functions around and inside it are rewritten as usual.
describe('functions whose body cannot be wrapped are left as they were', () => {
  const UNWRAPPABLE = {
    'a var and a function of one name': 'async function f() { var a; function a() {} await x; }',
    'two functions of one name': 'async function f() { function a() {} function a() {} await x; }',
    'a function declared after an await using, called before it': 'async function f() { g(); await using r = null; function g() {} }',
    'a let after an await using, read by a closure before it': 'async function f() { const h = () => b; await using r = null; let b = 1; return h(); }',
  };
  for (const [name, body] of Object.entries(UNWRAPPABLE)) {
    it(name, () => {
      const code = `${body}\nasync function other() { await y; }`;
      const { code: output } = transform(code, { filename: 'f.mjs', sourceMap: false });
      assert.ok(output.includes(body), 'the function is as it was');
      assert.match(output, /async function other\(\) \{const __acf = __acx\.enter\(\)/, 'the other function is rewritten');
      assert.deepEqual(parseSync('f.mjs', output, { showSemanticErrors: true }).errors, []);
    });
  }
});

// ---------------------------------------------------------------------------------------

describe('files with nothing to rewrite are returned untouched', () => {
  const untouched = [
    ['empty.mjs', ''],
    ['plain.mjs', 'export const x = 1;\n'],
    // Async functions whose returns cannot be thenables (src/model/returned-values.ts).
    ['async-without-await.mjs', 'export async function f() { return 1; }\nexport const g = async () => 2;\n'],
    ['async-returning-primitives-and-literals.mjs', 'export async function f(a) { if (a) return `t${a}`; if (!a) return -a; return a ? [a] : { a, b: () => a }; }\nexport const g = async () => typeof x;\n'],
    ['words-only.mjs', "// await here, yield there\nconst s = 'await x; yield y';\nconst t = `for await`;\n/* await */\n"],
    // A generator whose body names `arguments` keeps its parameter list (no creation parameter).
    ['sync-generator.mjs', 'function* g() { yield arguments.length; yield* [2]; }\nasync function f() { const it = g(); return [...it]; }\n'],
    ['await-identifier.js', 'var await = 1;\nconsole.log(await + 1);\n'],
    ['await-identifier.cjs', 'var await = 2; module.exports = await;\n'],
    ['yield-identifier.js', 'var yield = 1;\nasync function f() { return yield + 1; }\n'],
    ['types.ts', 'declare function f(): Promise<void>;\nexport type Awaited2<T> = T extends Promise<infer U> ? U : T; // await\n'],
    ['component.tsx', 'export const C = () => <div title="await">await</div>;\n'],
  ];
  for (const [fileName, code] of untouched) {
    it(fileName, () => {
      const result = transform(code, { filename: fileName });
      assert.equal(result.changed, false);
      assert.equal(result.code, code);
    });
  }
});

describe('returns of async functions without await: only those that may be thenables', () => {
  const rewritten = [
    ['returns.mjs', 'export async function f(a) { if (a) return a.b; return { then: a }; }\nexport const g = async () => h();\n',
      'import { awaitFramesBasic as __acx } from "anyctx/portable";export async function f(a) { if (a) return __acx.resolving(a.b); return __acx.resolving({ then: a }); }\nexport const g = async () => __acx.resolving(h());\n'],
    ['yield-identifier.js', 'var yield = 1;\nasync function f() { return yield; }\n',
      'var __acx = globalThis[Symbol.for("anyctx.awaitFrames")];var yield = 1;\nasync function f() { return __acx.resolving(yield); }\n'],
    ['component.tsx', 'export const C = async () => <div title="await">await</div>;\n',
      'import { awaitFramesBasic as __acx } from "anyctx/portable";export const C = async () => __acx.resolving(<div title="await">await</div>);\n'],
    ['comma-and-parentheses.cjs', 'exports.f = async (a) => { return a, b; };\nexports.g = async function () { return(a) };\n',
      'const { awaitFramesBasic: __acx } = require("anyctx/portable");exports.f = async (a) => { return __acx.resolving((a, b)); };\nexports.g = async function () { return __acx.resolving((a)) };\n'],
  ];
  for (const [fileName, code, expected] of rewritten) {
    it(fileName, () => {
      const result = transform(code, { filename: fileName, sourceMap: false });
      assert.equal(result.code, expected);
      assert.equal(transform(result.code, { filename: fileName }).changed, false, 'a second run changes nothing');
    });
  }
  it('not the returns of a function rewritten before, nor of a sync function or async generator in an async function', () => {
    const code = 'async function f() { function g() { return a; } async function* h() { return b; } return; }\n';
    assert.equal(transform(code, { filename: 'a.js' }).code.includes('resolving'), false);
  });
});

// ---------------------------------------------------------------------------------------

// Node types that only TypeScript or JSX have: the output must hold exactly as many.
const isTypeOrJsxNode = (node) => /^(TS|JSX)/.test(node.type);

describe('TypeScript and JSX syntax is left intact', () => {
  for (const form of allForms.filter((form) => /\.(?:[cm]?ts|tsx|jsx)$/.test(form.name))) {
    it(form.name, () => {
      const output = rewrite(form);
      assert.equal(output.changed, true);
      const original = parse(form.name, form.source);
      assert.deepEqual(original.errors, [], 'the form itself parses');
      const parsed = parse(form.name, output.code);
      assert.deepEqual(parsed.errors, [], 'the output parses as the same language');
      const count = (program) => {
        const counts = {};
        for (const { node } of nodesOf(program, isTypeOrJsxNode)) counts[node.type] = (counts[node.type] ?? 0) + 1;
        return counts;
      };
      assert.deepEqual(count(parsed.program), count(original.program));
    });
  }
});

describe('directives and the hashbang stay first', () => {
  const samples = [
    ['module.mjs', '#!/usr/bin/env node\n"use strict";\nexport async function f() { "use strict"; await 1; }\n'],
    ['script.js', "'use strict';\n'another directive';\nasync function f() { 'use strict'; 'use asm'; await 1; }\n"],
    ['common.cjs', '#!/usr/bin/env node\n"use strict";\nconst f = async () => { "use strict"; for await (const x of []) ; };\n'],
    ['top-level.mjs', '"use strict";\nawait 1;\n'],
  ];
  const directives = (statements) => {
    const list = [];
    for (const statement of statements) {
      if (statement.type !== 'ExpressionStatement' || statement.directive === undefined) break;
      list.push(statement.directive);
    }
    return list;
  };
  const functionDirectives = (program) =>
    nodesOf(program, (node) => node.body?.type === 'BlockStatement' && /Function/.test(node.type)).map(({ node }) =>
      directives(node.body.body),
    );
  for (const [fileName, code] of samples) {
    it(fileName, () => {
      const output = transform(code, { filename: fileName });
      assert.equal(output.changed, true);
      const hashbang = code.startsWith('#!') ? code.slice(0, code.indexOf('\n') + 1) : '';
      assert.ok(output.code.startsWith(hashbang), 'the hashbang line is kept as the first line');
      const original = parse(fileName, code).program;
      const parsed = parse(fileName, output.code).program;
      assert.deepEqual(directives(parsed.body), directives(original.body), 'the program prologue is unchanged');
      assert.deepEqual(functionDirectives(parsed), functionDirectives(original), 'every function prologue is unchanged');
    });
  }
});
