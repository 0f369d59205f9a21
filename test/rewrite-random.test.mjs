// Random programs through both await rewriters, checked by the structural invariant
// (test/rewrite/invariant.mjs) and rewritten a second time (no change allowed). Two sources:
// - fast-check programs (a model rendered to source): statements around await, yield in
//   async generators, directives with and without `;`, labels, for await, using and await
//   using, try/catch/finally, concise arrows, semicolon-free lines that start with `(`, `[`,
//   `` ` ``, `/`, `+` or `-`, and declarations of the names the rewrite generates. A failure
//   shrinks to a small program.
// - eslump (shift-fuzzer): odd whitespace, comments, ASI and every syntax form, with awaits
//   put between the statements of its modules and async functions, since on its own it
//   rarely writes a suspension point. Not shrinkable: a failure prints the program.
// Programs that do not parse (a random program may declare a name twice) do not count.
// A function the rewrite leaves as it was (test/rewrite/left-as-it-was.mjs) is allowed, and
// counted; the model makes some, with a var and a function of one name.
//
// Reproduce a run: ANYCTX_REWRITE_SEED=<seed> node --test test/rewrite-random.test.mjs
// More programs:   ANYCTX_REWRITE_PROGRAMS=20000 ... (half of them from each source)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { checkWith, prepareOriginal } from './rewrite/invariant.mjs';
import { REWRITERS, helperExports } from './rewrite/rewriters.mjs';
import { RewriteTally } from './rewrite/tally.mjs';
import { seededRandom } from './seeded-random.mjs';

const PROGRAMS = Number(process.env.ANYCTX_REWRITE_PROGRAMS ?? 5000);
const SEED = Number(process.env.ANYCTX_REWRITE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const HELPER_EXPORTS = helperExports();
const { generateRandomJS } = createRequire(import.meta.url)('eslump');

/** One source's programs through every rewriter, counted. */
class Source {
  constructor(name) {
    this.name = name;
    this.programs = 0;
    this.suspending = 0;
    this.started = performance.now();
    this.tally = new RewriteTally(Object.keys(REWRITERS), 'programs');
  }

  /** Every rewriter on one program (prepareOriginal's): undefined if it does not parse, null if all hold, else what failed. */
  check(original) {
    if (original.errors.length > 0) return undefined;
    this.programs++;
    if (original.suspends) this.suspending++;
    let failure = null;
    for (const rewriter of Object.values(REWRITERS)) {
      const started = performance.now();
      const result = checkWith(rewriter, original, { helperExports: HELPER_EXPORTS });
      this.tally.add(rewriter.name, result, performance.now() - started);
      if (result.status !== 'ok' && result.status !== 'skipped') failure ??= `${rewriter.name}: ${result.status}: ${result.detail}`;
    }
    return failure;
  }

  /** Its lines: one per rewriter, then its programs and its time in all. */
  lines() {
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    return [...this.tally.lines(`${this.name}, `), `${this.name}: ${this.programs} programs that parse, ${this.suspending} with a suspension point; ${seconds} s`];
  }
}

// ---------------------------------------------------------------------------------------
// The model: plain data, so fast-check can shrink it. The renderer below fits it to where
// it lands (an await outside async code is its operand, a `break` outside a loop nothing,
// a second declaration of a name gets another), so that nearly every program parses.
// ---------------------------------------------------------------------------------------

// Names a program may use, the rewrite's own among them. Not `require`: a CommonJS file that
// declares its own top-level `require` gets its helpers from it, a limitation the README
// documents ("Code the rewrite cannot see into"), so no program declares one.
const NAMES = ['a', 'b', 'x', 'f', '__acx', '__acf', '__acv', '__acd0'];
const name = fc.constantFrom(...NAMES);
// A parameter may even be called `undefined` (a bare `yield` must still yield undefined).
const paramName = fc.constantFrom(...NAMES, 'undefined');
const LITERALS = ['1', "'s'", '`t`', '/r/g', 'null', '0.5', '1n', 'this'];
const TREE = { depthSize: 'small', maxDepth: 3, withCrossShrink: true };
const list = (arbitrary, maxLength = 3) => fc.array(arbitrary, { maxLength, depthIdentifier: 'tree' });
// How a statement ends: with `;`, a line break only (ASI), or both.
const separator = fc.constantFrom(';\n', '\n', '; ', '\n;');

const { statement } = fc.letrec((tie) => ({
  expression: fc.oneof(
    TREE,
    fc.record({ e: fc.constant('name'), name }),
    fc.record({ e: fc.constant('literal'), text: fc.constantFrom(...LITERALS) }),
    fc.record({ e: fc.constant('await'), argument: tie('expression'), tight: fc.boolean() }),
    fc.record({ e: fc.constant('yield'), argument: fc.option(tie('expression'), { nil: null }), delegate: fc.boolean() }),
    fc.record({ e: fc.constant('call'), callee: name, args: list(tie('expression'), 2) }),
    fc.record({ e: fc.constant('member'), object: tie('expression'), property: name, optional: fc.boolean() }),
    fc.record({ e: fc.constant('sequence'), first: tie('expression'), rest: fc.array(tie('expression'), { minLength: 1, maxLength: 2, depthIdentifier: 'tree' }) }),
    fc.record({ e: fc.constant('conditional'), test: tie('expression'), consequent: tie('expression'), alternate: tie('expression') }),
    fc.record({ e: fc.constant('logical'), operator: fc.constantFrom('&&', '||', '??'), left: tie('expression'), right: tie('expression') }),
    fc.record({ e: fc.constant('template'), parts: list(tie('expression'), 2) }),
    fc.record({ e: fc.constant('arrow'), async: fc.boolean(), params: list(paramName, 2), concise: fc.option(tie('expression'), { nil: null }), body: tie('body') }),
    fc.record({ e: fc.constant('function'), async: fc.boolean(), generator: fc.boolean(), body: tie('body') }),
    fc.record({ e: fc.constant('object'), properties: list(fc.record({ key: name, value: tie('expression'), computed: fc.boolean() }), 2) }),
    fc.record({ e: fc.constant('array'), items: fc.array(tie('expression'), { minLength: 1, maxLength: 2, depthIdentifier: 'tree' }) }),
    fc.record({ e: fc.constant('unary'), operator: fc.constantFrom('+', '-', '!', 'typeof ', 'void '), argument: tie('expression') }),
    fc.record({ e: fc.constant('assign'), name, value: tie('expression') }),
  ),
  block: list(fc.record({ statement: tie('statement'), separator }), 3),
  body: fc.record({
    params: list(fc.record({ name: paramName, fallback: fc.option(tie('expression'), { nil: null }) }), 2),
    directives: fc.array(fc.record({ text: fc.constantFrom("'use strict'", '"use asm"', "'x'"), separator }), { maxLength: 2 }),
    statements: tie('block'),
  }),
  catchParam: fc.oneof(
    fc.constant(null),
    fc.record({ p: fc.constant('name'), name }),
    fc.record({ p: fc.constantFrom('object', 'array'), name, fallback: tie('expression') }),
  ),
  statement: fc.oneof(
    TREE,
    fc.record({ s: fc.constant('expression'), expression: tie('expression') }),
    // A line that starts with a token that may continue the line before it.
    fc.record({ s: fc.constant('line start'), token: fc.constantFrom('(', '[', '`', '/', '+', '-'), expression: tie('expression') }),
    // redeclare: a var or function at a function body's top level may take the name of one there.
    fc.record({ s: fc.constant('declaration'), kind: fc.constantFrom('let', 'const', 'var'), name, init: tie('expression'), redeclare: fc.boolean() }),
    fc.record({ s: fc.constant('using'), kind: fc.constantFrom('await using', 'using'), names: fc.array(name, { minLength: 1, maxLength: 2 }), init: tie('expression') }),
    fc.record({ s: fc.constant('if'), test: tie('expression'), consequent: tie('statement'), alternate: fc.option(tie('statement'), { nil: null }) }),
    fc.record({ s: fc.constant('block'), body: tie('block') }),
    fc.record({
      s: fc.constant('try'), block: tie('block'), param: tie('catchParam'),
      handler: fc.option(tie('block'), { nil: null }), finalizer: fc.option(tie('block'), { nil: null }),
    }),
    fc.record({
      s: fc.constant('for of'), head: fc.constantFrom('const', 'let', 'bare', 'await using'), await: fc.boolean(),
      name, right: tie('expression'), body: tie('statement'), labelled: fc.boolean(),
    }),
    fc.record({ s: fc.constant('for using'), names: fc.array(name, { minLength: 1, maxLength: 2 }), init: tie('expression'), test: tie('expression'), body: tie('statement'), labelled: fc.boolean() }),
    fc.record({ s: fc.constant('while'), test: tie('expression'), body: tie('statement'), labelled: fc.boolean() }),
    fc.record({ s: fc.constantFrom('break', 'continue'), labelled: fc.boolean() }),
    fc.record({ s: fc.constant('return'), argument: fc.option(tie('expression'), { nil: null }), bare: fc.boolean() }),
    fc.record({ s: fc.constant('yield'), argument: fc.option(tie('expression'), { nil: null }), delegate: fc.boolean() }),
    fc.record({ s: fc.constant('function'), name, async: fc.boolean(), generator: fc.boolean(), body: tie('body'), redeclare: fc.boolean() }),
    fc.record({
      s: fc.constant('class'), name,
      methods: list(fc.record({ async: fc.boolean(), generator: fc.boolean(), computed: fc.option(tie('expression'), { nil: null }), body: tie('body') }), 2),
      staticBlock: fc.option(tie('block'), { nil: null }),
    }),
    fc.record({ s: fc.constant('switch'), discriminant: tie('expression'), cases: list(fc.record({ test: tie('expression'), body: tie('block') }), 2) }),
  ),
}));

const programArbitrary = fc.record({
  extension: fc.constantFrom('.mjs', '.js', '.cjs', '.ts'),
  hashbang: fc.boolean(),
  directives: fc.array(fc.record({ text: fc.constantFrom("'use strict'", '"use client"'), separator }), { maxLength: 2 }),
  statements: fc.array(fc.record({ statement, separator }), { minLength: 1, maxLength: 4 }),
});

// ---------------------------------------------------------------------------------------
// Rendering. `context`: what the code lands in (async, async generator, a function, a loop,
// the labels around it) and the names its scope declared so far.
// ---------------------------------------------------------------------------------------

function renderProgram(program) {
  // Top-level await makes a .js or .ts file a module; a `using` at the top level needs one already.
  const module = program.extension === '.mjs';
  const context = { async: program.extension !== '.cjs', generator: false, fn: false, loop: false, labels: [], declared: new Set(), module, top: true };
  const hashbang = program.hashbang ? '#!/usr/bin/env node\n' : '';
  const directives = program.directives.map((d) => d.text + d.separator).join('');
  return { code: hashbang + directives + renderList(program.statements, context, true), filename: `program${program.extension}` };
}

/**
 * A fresh name in the scope: the model's, or the model's with a number if it is taken. A var
 * or function at a function body's top level (`varScoped`) may take the name of one there
 * (`redeclare`), as the rule that leaves a function as it was has it.
 */
function declare(context, wanted, { varScoped = false, redeclare = false } = {}) {
  const bodyTop = varScoped && context.varScoped !== undefined;
  if (bodyTop && redeclare && context.varScoped.has(wanted)) return wanted;
  let chosen = wanted;
  for (let n = 1; context.declared.has(chosen); n++) chosen = `${wanted}${n}`;
  context.declared.add(chosen);
  if (bodyTop) context.varScoped.add(chosen);
  return chosen;
}

const inner = (context, changes) => ({ ...context, declared: new Set(), varScoped: undefined, top: false, ...changes });

function renderList(items, context, usingAllowed) {
  return items.map(({ statement: s, separator: sep }) => renderStatement(s, context, usingAllowed) + sep).join('');
}

function renderBody(model, context, { async, generator }) {
  const scope = inner(context, { async, generator: async && generator, fn: true, loop: false, labels: [], module: false, varScoped: new Set() });
  const params = model.params.map((p) => declare(scope, p.name) + (p.fallback ? ` = ${renderExpression(p.fallback, { ...scope, async: false, generator: false })}` : ''));
  // 'use strict' may not head a function with a default or pattern parameter.
  const simple = model.params.every((p) => p.fallback === null);
  const directives = model.directives.map((d) => (simple ? d.text : "'x'") + d.separator).join('');
  return { params: `(${params.join(', ')})`, body: `{ ${directives}${renderList(model.statements, scope, true)}}` };
}

function renderFunction(model, context, { async, generator, name: fnName = '' }) {
  const { params, body } = renderBody(model.body ?? model, context, { async, generator });
  return `${async ? 'async ' : ''}function${generator ? '*' : ''} ${fnName}${params} ${body}`;
}

function renderStatement(s, context, usingAllowed) {
  const e = (expression, where = context) => renderExpression(expression, where);
  const label = (labelled, where) => (labelled ? `L${where.labels.length}: ` : '');
  const loopContext = (labelled) => inner(context, { loop: true, labels: labelled ? [...context.labels, `L${context.labels.length}`] : context.labels, declared: new Set() });
  switch (s.s) {
    case 'expression': {
      const text = e(s.expression);
      // An expression statement may not start like a block, a function, a class or `let [`.
      return /^(\{|function|async function|class|let\s*\[)/.test(text) ? `(${text})` : text;
    }
    case 'line start':
      return { '(': `(${e(s.expression)})`, '[': `[${e(s.expression)}].map(f)`, '`': `\`\${${e(s.expression)}}\``, '/': `/r/.test(${e(s.expression)})`, '+': `+${e(s.expression)}`, '-': `-${e(s.expression)}` }[s.token];
    case 'declaration':
      return `${s.kind} ${declare(context, s.name, { varScoped: s.kind === 'var', redeclare: s.redeclare })} = ${e(s.init)}`;
    case 'using': {
      // Only in a block's statement list (not a script's top level, nor a switch case), and
      // `await using` only where await is.
      const kind = s.kind === 'await using' && !context.async ? 'using' : s.kind;
      const allowed = usingAllowed && !(context.top && !context.module);
      return `${allowed ? kind : 'const'} ${s.names.map((n) => `${declare(context, n)} = ${e(s.init)}`).join(', ')}`;
    }
    case 'if':
    {
      // `if (a) b() else c()` does not parse: the statement before `else` ends with `;`.
      const consequent = renderNested(s.consequent, context);
      if (s.alternate === null) return `if (${e(s.test)}) ${consequent}`;
      return `if (${e(s.test)}) ${consequent}${consequent.endsWith('}') ? '' : ';'} else ${renderNested(s.alternate, context)}`;
    }
    case 'block':
      return `{ ${renderList(s.body, inner(context), true)}}`;
    case 'try': {
      const handler = s.handler ?? (s.finalizer ? null : []);
      let text = `try { ${renderList(s.block, inner(context), true)}}`;
      if (handler) {
        const scope = inner(context);
        const param = s.param === null ? '' : s.param.p === 'name' ? `(${declare(scope, s.param.name)}) `
          : s.param.p === 'object' ? `({ ${declare(scope, s.param.name)} = ${e(s.param.fallback, scope)} }) ` : `([${declare(scope, s.param.name)} = ${e(s.param.fallback, scope)}]) `;
        text += ` catch ${param}{ ${renderList(handler, scope, true)}}`;
      }
      if (s.finalizer) text += ` finally { ${renderList(s.finalizer, inner(context), true)}}`;
      return text;
    }
    case 'for of': {
      const scope = loopContext(s.labelled);
      const awaits = s.await && context.async;
      const head = s.head === 'await using' && !context.async ? 'const' : s.head;
      const left = head === 'bare' ? (context.declared.has(s.name) ? s.name : 'x') : `${head} ${declare(scope, s.name)}`;
      return `${label(s.labelled, context)}for ${awaits ? 'await ' : ''}(${left} of ${e(s.right)}) ${renderNested(s.body, scope)}`;
    }
    case 'for using': {
      const scope = loopContext(s.labelled);
      const kind = context.async ? 'await using' : 'using';
      const declarators = s.names.map((n) => `${declare(scope, n)} = ${e(s.init)}`).join(', ');
      return `${label(s.labelled, context)}for (${kind} ${declarators}; ${e(s.test, scope)}; ) ${renderNested(s.body, scope)}`;
    }
    case 'while': {
      const scope = loopContext(s.labelled);
      return `${label(s.labelled, context)}while (${e(s.test)}) ${renderNested(s.body, scope)}`;
    }
    case 'break':
    case 'continue': {
      if (!context.loop) return ';';
      return s.labelled && context.labels.length > 0 ? `${s.s} ${context.labels.at(-1)}` : s.s;
    }
    case 'return': {
      if (!context.fn) return s.argument ? e(s.argument) : ';';
      if (s.argument === null) return 'return';
      // `return a, b`: a comma expression with no parentheses of its own.
      const bare = s.bare && s.argument.e === 'sequence';
      return `return ${bare ? [s.argument.first, ...s.argument.rest].map((item) => e(item)).join(', ') : e(s.argument)}`;
    }
    case 'yield':
      if (!context.generator) return s.argument ? `(${e(s.argument)})` : ';';
      return s.argument ? `yield${s.delegate ? '*' : ''} ${e(s.argument)}` : 'yield';
    case 'function':
      return renderFunction(s, context, { async: s.async, generator: s.generator, name: declare(context, s.name, { varScoped: true, redeclare: s.redeclare }) });
    case 'class': {
      const className = declare(context, s.name);
      const methods = s.methods.map((m, i) => {
        const key = m.computed ? `[${e(m.computed)}]` : `m${i}`;
        const { params, body } = renderBody(m.body, context, { async: m.async, generator: m.generator });
        return `${m.async ? 'async ' : ''}${m.generator ? '*' : ''}${key}${params} ${body}`;
      });
      // A static block runs while the class is defined: not async, not a function (return is not allowed).
      const block = s.staticBlock ? [`static { ${renderList(s.staticBlock, inner(context, { async: false, generator: false, fn: false, loop: false, labels: [], module: false }), false)}}`] : [];
      return `class ${className} { ${[...methods, ...block].join(' ')} }`;
    }
    case 'switch': {
      const scope = inner(context, { loop: context.loop });
      return `switch (${e(s.discriminant)}) { ${s.cases.map((c) => `case ${e(c.test)}: ${renderList(c.body, scope, false)}`).join(' ')}}`;
    }
  }
  throw new Error(`unknown statement ${s.s}`);
}

/** A statement in a single-statement position (if, loop body): no declaration stands there alone. */
function renderNested(s, context) {
  const text = renderStatement(s, inner(context), false);
  return s.s === 'declaration' || s.s === 'using' || s.s === 'function' || s.s === 'class' ? `{ ${text} }` : text;
}

function renderExpression(x, context) {
  const e = (expression) => renderExpression(expression, context);
  switch (x.e) {
    case 'name':
      return x.name;
    case 'literal':
      return x.text;
    case 'await':
      if (!context.async) return `(${e(x.argument)})`;
      return x.tight ? `(await(${e(x.argument)}))` : `(await ${e(x.argument)})`;
    case 'yield':
      if (!context.generator) return x.argument ? `(${e(x.argument)})` : 'null';
      return x.argument ? `(yield${x.delegate ? '*' : ''} ${e(x.argument)})` : '(yield)';
    case 'call':
      return `${x.callee}(${x.args.map(e).join(', ')})`;
    case 'member':
      // In parentheses: `1.a` does not parse, nor does `a?.b` tag a template on the next line
      // (an early error oxc-parser does not always report).
      return x.optional ? `((${e(x.object)})?.${x.property})` : `(${e(x.object)}).${x.property}`;
    case 'sequence':
      return `(${[x.first, ...x.rest].map(e).join(', ')})`;
    case 'conditional':
      return `(${e(x.test)} ? ${e(x.consequent)} : ${e(x.alternate)})`;
    case 'logical':
      return `(${e(x.left)} ${x.operator} ${e(x.right)})`;
    case 'template':
      return `\`a${x.parts.map((part) => `\${${e(part)}}b`).join('')}\``;
    case 'arrow': {
      const { params, body } = renderBody({ ...x.body, params: x.params.map((p) => ({ name: p, fallback: null })) }, context, { async: x.async, generator: false });
      if (x.concise === null) return `(${x.async ? 'async ' : ''}${params} => ${body})`;
      const scope = inner(context, { async: x.async, generator: false, fn: true, loop: false, labels: [], module: false });
      const concise = renderExpression(x.concise, scope);
      return `(${x.async ? 'async ' : ''}${params} => ${concise.startsWith('{') ? `(${concise})` : concise})`;
    }
    case 'function':
      return `(${renderFunction(x, context, { async: x.async, generator: x.generator })})`;
    case 'object':
      return `({ ${x.properties.map((p) => `${p.computed ? `[${p.key}]` : p.key}: ${e(p.value)}`).join(', ')} })`;
    case 'array':
      return `[${x.items.map(e).join(', ')}]`;
    case 'unary':
      return `(${x.operator}${e(x.argument)})`;
    case 'assign':
      return `(${x.name} = ${e(x.value)})`;
  }
  throw new Error(`unknown expression ${x.e}`);
}

// ---------------------------------------------------------------------------------------
// eslump programs, with awaits put between statements: at the top level of its modules, and
// in the bodies of its async functions. The same seed gives the same programs: eslump draws
// from Math.random, which is seeded while it runs.
// ---------------------------------------------------------------------------------------

const AWAITS = ['await 0;', '\nawait x\n', 'await(x);', 'for await (const __e of xs) ;', '{ await using __u = null; }', 'try { await x } catch { y() } finally { z() }'];

function eslumpProgram(seed) {
  const random = seededRandom(seed);
  const sourceType = random() < 0.7 ? 'module' : 'script';
  const drawn = Math.random;
  Math.random = random;
  let code;
  try {
    code = generateRandomJS({ sourceType, maxDepth: 5, comments: random() < 0.5, whitespace: random() < 0.5 });
  } finally {
    Math.random = drawn;
  }
  const filename = sourceType === 'module' ? 'eslump.mjs' : 'eslump.js';
  return { original: prepareOriginal(code, filename), random };
}

/**
 * The program (prepareOriginal's) with up to three awaits put before statements where they
 * may stand, or null. Its AST is normalised: a concise arrow body is a block there, but
 * does not start with `{` in the text.
 */
function withAwaits({ code, filename, errors, program }, random) {
  if (errors.length > 0) return null;
  const places = [];
  if (filename.endsWith('.mjs')) places.push(...program.body.map((s) => s.start), program.end);
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null || typeof node.type !== 'string') return;
    const fn = node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
    if (fn && node.async && code[node.body.start] === '{') places.push(...node.body.body.map((s) => s.start), node.body.end - 1);
    for (const key in node) if (key !== 'type' && typeof node[key] === 'object') visit(node[key]);
  };
  visit(program.body);
  if (places.length === 0) return null;
  const chosen = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => places[Math.floor(random() * places.length)]))].sort((a, b) => b - a);
  let text = code;
  for (const at of chosen) text = text.slice(0, at) + AWAITS[Math.floor(random() * AWAITS.length)] + text.slice(at);
  return prepareOriginal(text, filename);
}

// ---------------------------------------------------------------------------------------
// The test.
// ---------------------------------------------------------------------------------------

test(`${PROGRAMS} random programs hold the invariant through both rewriters (seed ${SEED})`, { timeout: 10 * 60_000 }, (t) => {
  const started = performance.now();

  // eslump: half the programs (each parsed program counts, and so does its version with awaits).
  const eslump = new Source('eslump');
  const eslumpFailures = [];
  for (let i = 0; eslump.programs < PROGRAMS / 2 && i < PROGRAMS * 4; i++) {
    const { original, random } = eslumpProgram(SEED + i);
    const awaited = withAwaits(original, random);
    for (const program of awaited === null ? [original] : [original, awaited]) {
      const failure = eslump.check(program);
      const { code, filename } = program;
      if (failure) eslumpFailures.push(`eslump program #${i} (${filename}): ${failure}\n${code.length > 4000 ? `${code.slice(0, 4000)}…` : code}`);
    }
  }
  for (const line of eslump.lines()) t.diagnostic(line);

  // fast-check: the other half, so many runs that about that many parse (97% of them do).
  // Once one fails, the runs that shrink it are not counted.
  const model = new Source('fast-check');
  let shrinking = false;
  const property = fc.property(programArbitrary, (program) => {
    const { code, filename } = renderProgram(program);
    const failure = (shrinking ? new Source('shrinking') : model).check(prepareOriginal(code, filename));
    if (!failure) return true;
    shrinking = true;
    throw new Error(`${failure}\n--- ${filename} ---\n${code}`);
  });
  const details = fc.check(property, { seed: SEED, numRuns: Math.ceil(PROGRAMS / 2 / 0.95), includeErrorInReport: true });
  for (const line of model.lines()) t.diagnostic(line);
  const programs = eslump.programs + model.programs;
  t.diagnostic(`${programs} programs, ${eslump.suspending + model.suspending} with a suspension point; ${((performance.now() - started) / 1000).toFixed(1)} s (seed ${SEED})`);

  const reproduce = `(seed ${SEED}; ANYCTX_REWRITE_SEED=${SEED} reproduces)`;
  assert.equal(eslumpFailures.length, 0, `${eslumpFailures.length} eslump programs fail ${reproduce}; the first:\n${eslumpFailures[0]}`);
  assert.ok(!details.failed, `a fast-check program fails ${reproduce}:\n${fc.defaultReportMessage(details)}`);
  assert.ok(programs >= PROGRAMS * 0.95, `only ${programs} of the programs parse`);
});
