// The structural invariant of the await rewrite, for either rewriter (test/rewrite/rewriters.mjs):
// take the rewritten code's AST, map every shape the rewrite inserts back to the construct it
// came from (SHAPES, in test/rewrite/map-back.mjs), and the original program's AST must come
// out, positions, parentheses, comments and formatting aside. On the way it checks what a
// map-back alone could not see: no suspension point is left as it was (a plain `await` in
// rewritten code is a violation, not a match) unless its function or module body is one the
// rewrite leaves as it was (rewritten before, or under test/rewrite/left-as-it-was.mjs), no
// generated name is also a name of the program, no declaration moves away from code that
// refers to it, and the helpers export the file brings in has every helper it calls. The
// rewritten code is parsed with the original's sourceType, early errors (a duplicate
// declaration, …) included.
//
// Names are not fixed: the helpers' binding is read from their declaration, and each frame
// and awaited-value local from the declarations that open its function (or module body).
import { parseSync, rawTransferSupported } from 'oxc-parser';
import { POSITION_KEYS, childrenOf, declaredBy, isFunction, isIdentifier, isNameOnly, isNode, mustResolve } from './estree.mjs';
import { helpersOfProgram, restoreProgram } from './map-back.mjs';

export { SHAPES } from './map-back.mjs';

// ---------------------------------------------------------------------------------------
// Parsing.
// ---------------------------------------------------------------------------------------

/** The sourceType a file's name asks for, as the oxc rewriter picks it. */
function sourceTypeOf(filename) {
  if (/\.(mjs|mts)$/.test(filename)) return 'module';
  if (/\.(cjs|cts)$/.test(filename)) return 'commonjs';
  return 'unambiguous';
}

// Parentheses are dropped (preserveParens: false): `(a, b)` and `a, b` are one AST. Raw
// transfer (Node 22 and later) builds the same AST in 2.2 s instead of 3.7 s for TypeScript's
// 9 MB typescript.js.
const RAW_TRANSFER = rawTransferSupported();
const parse = (filename, code, sourceType) =>
  parseSync(filename, code, { sourceType, showSemanticErrors: true, preserveParens: false, experimentalRawTransfer: RAW_TRANSFER });

/** What both rewriters look for before they parse a file: without it, they leave it as it is. */
const MAY_REWRITE = /\bawait\b|\byield\b|\basync\b/;

/**
 * The original program, parsed once and normalised, with what the checks need to know about
 * it (survey's facts; ownHelpers: a declaration of its own with the shape of the helpers';
 * mayRewrite: it says await or yield). `errors` non-empty: the file does not parse (or has
 * early errors) and is skipped.
 */
export function prepareOriginal(code, filename) {
  let sourceType = sourceTypeOf(filename);
  let parsed = parse(filename, code, sourceType);
  if (parsed.errors.length > 0 && sourceType === 'unambiguous') {
    // A file whose only module feature is a top-level `for await` or `await` (transform.ts does
    // the same) — but only if it is no script at all: a script whose only faults are early
    // errors (`using` at its top level, …) is one to the rewriters, which do not look for them.
    const asModule = parse(filename, code, 'module');
    if (asModule.errors.length === 0 && parseSync(filename, code, { sourceType, preserveParens: false }).errors.length > 0) {
      parsed = asModule;
      sourceType = 'module';
    }
  }
  if (parsed.errors.length > 0) return { code, filename, sourceType, errors: parsed.errors };
  const program = parsed.program;
  const ownHelpers = helpersOfProgram(program);
  const facts = survey(program);
  return { code, filename, sourceType, errors: [], program: normalise(program), ownHelpers, mayRewrite: MAY_REWRITE.test(code), ...facts };
}

// ---------------------------------------------------------------------------------------
// What the original has: suspension points, the names it uses.
// ---------------------------------------------------------------------------------------

/**
 * suspends: the program has a suspension point (await, for await, await using, or a yield in
 * an async generator; an async generator's `return x` awaits too, but neither rewriter looks
 * for it in a file with no `await` or `yield`). resolves: an async function (not a generator)
 * has a return, or an async arrow an expression body, that may be a thenable. names: every name of a variable the program
 * declares or refers to. topLevel: the names its module body declares.
 */
function survey(program) {
  const names = new Set();
  const topLevel = new Set(program.body.flatMap(declaredBy));
  let suspends = false;
  let resolves = false;
  const visit = (node, parent, key, fn) => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child, parent, key, fn);
      return;
    }
    if (!isNode(node)) return;
    const asyncGenerator = fn !== null && fn.async && fn.generator;
    switch (node.type) {
      case 'Identifier':
      case 'JSXIdentifier':
        if (!isNameOnly(parent, key)) names.add(node.name);
        break;
      case 'AwaitExpression':
        suspends = true;
        break;
      case 'ForOfStatement':
        if (node.await) suspends = true;
        break;
      case 'VariableDeclaration':
        if (node.kind === 'await using') suspends = true;
        break;
      case 'YieldExpression':
        if (asyncGenerator) suspends = true;
        break;
      case 'ReturnStatement':
        if (fn !== null && fn.async && !fn.generator && node.argument !== null && mustResolve(node.argument)) resolves = true;
        break;
      case 'ArrowFunctionExpression':
        if (node.async && node.body.type !== 'BlockStatement' && mustResolve(node.body)) resolves = true;
        break;
    }
    // A method's key belongs to the code around it: only the function itself is `fn`.
    if (isFunction(node)) fn = node;
    for (const [childKey, value] of childrenOf(node)) visit(value, node, childKey, fn);
  };
  visit(program.body, program, 'body', null);
  return { suspends, resolves, names, topLevel };
}

// ---------------------------------------------------------------------------------------
// Normalisation, applied to both sides: forms the rewrite cannot keep apart.
// ---------------------------------------------------------------------------------------

const STATEMENT_LISTS = { Program: 'body', BlockStatement: 'body', StaticBlock: 'body', SwitchCase: 'consequent', TSModuleBlock: 'body' };

/** Normalises in place (children first); returns the node to use in its place. */
function normalise(node) {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) node[i] = normalise(node[i]);
    return node;
  }
  if (!isNode(node)) return node;
  // Parentheses are not parsed as nodes (preserveParens: false); this covers an AST that has them.
  if (node.type === 'ParenthesizedExpression') return normalise(node.expression);
  if (node.type === 'TSParenthesizedType') return normalise(node.typeAnnotation);
  for (const [key, value] of childrenOf(node)) node[key] = normalise(value);
  switch (node.type) {
    case 'ArrowFunctionExpression':
      // `async () => E` is rewritten as `async () => { …; return E; … }`: a concise body is `{ return E }`.
      if (node.expression) {
        const { start, end } = node.body;
        node.body = { type: 'BlockStatement', body: [{ type: 'ReturnStatement', argument: node.body, start, end }], start, end };
        node.expression = false;
      }
      break;
    case 'YieldExpression':
      // A bare `yield` is rewritten as a yield of `void 0`: the two are one.
      if (!node.delegate && isVoidZero(node.argument)) node.argument = null;
      break;
    case 'ExpressionStatement':
      // Babel prints `('s')` as `'s';`, a directive where one may stand. Only a "use …"
      // directive means anything (strict mode; "use client" and its kind, for bundlers).
      if (typeof node.directive === 'string' && !node.directive.startsWith('use ')) node.directive = null;
      break;
    case 'SequenceExpression':
      // `a, (b, c)` is `a, b, c`, and Babel prints it so.
      node.expressions = node.expressions.flatMap((e) => (e.type === 'SequenceExpression' ? e.expressions : [e]));
      break;
    case 'IfStatement':
      // Babel prints `if (a) if (b) x; else y; else z` with braces around `if (b) …`.
      if (node.consequent.type === 'BlockStatement' && node.consequent.body.length === 1 && endsInIf(node.consequent.body[0])) {
        node.consequent = node.consequent.body[0];
      }
      break;
    case 'MemberExpression':
    case 'CallExpression': {
      // Babel prints `(a?.b)?.c` as `a?.b?.c`: the same chain, as a short-circuit goes to its end either way.
      const key = node.type === 'MemberExpression' ? 'object' : 'callee';
      if (node.optional && node[key].type === 'ChainExpression') node[key] = node[key].expression;
      break;
    }
    case 'LogicalExpression':
      // Babel prints `a && (b && c)` as `a && b && c`: one operator's chain is read from the left.
      if (node.right.type === 'LogicalExpression' && node.right.operator === node.operator) return leftAssociated(node);
      break;
    case 'ForOfStatement':
      // `for await (…) S` is rewritten with the body `{H.resume(F); S}`: a body block of one
      // statement is that statement, and `;` (dropped from the block, above) is `{}`.
      if (node.await && node.body.type === 'BlockStatement' && node.body.body.length === 1) node.body = node.body.body[0];
      if (node.await && node.body.type === 'EmptyStatement') node.body = { ...node.body, type: 'BlockStatement', body: [] };
      break;
  }
  const list = STATEMENT_LISTS[node.type];
  // `await using a = A, b = B` is rewritten one declarator at a time: a declaration per
  // declarator. An empty statement in a list does nothing (the oxc rewrite may leave a `;` it
  // put before a `(` where the statement before now ends with `}`).
  if (list !== undefined) node[list] = node[list].flatMap((statement) => (statement.type === 'EmptyStatement' ? [] : splitUsing(statement)));
  return node;
}

const isVoidZero = (node) => node?.type === 'UnaryExpression' && node.operator === 'void' && node.argument.type === 'Literal' && node.argument.value === 0;

/** Whether a statement is an `if`, or a loop or label whose body ends in one (Babel's getLastStatement). */
const endsInIf = (statement) =>
  statement.type === 'IfStatement' ||
  (['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'WithStatement', 'LabeledStatement'].includes(statement.type) && endsInIf(statement.body));

/** a && (b && c)  →  (a && b) && c, for any depth and nesting of one operator. */
function leftAssociated(chain) {
  const operands = [];
  const collect = (node) => {
    if (node.type === 'LogicalExpression' && node.operator === chain.operator) {
      collect(node.left);
      collect(node.right);
    } else {
      operands.push(node);
    }
  };
  collect(chain);
  return operands.reduce((left, right) => ({ ...chain, left, right, start: left.start, end: right.end }));
}

function splitUsing(statement) {
  if (statement.type !== 'VariableDeclaration' || !statement.kind.endsWith('using') || statement.declarations.length < 2) return [statement];
  return statement.declarations.map((declarator) => ({ ...statement, declarations: [declarator], start: declarator.start, end: declarator.end }));
}

// ---------------------------------------------------------------------------------------
// Comparison.
// ---------------------------------------------------------------------------------------

/** Keys that hold no meaning for the program: positions, a literal's spelling, and the
 * sourceType a file without module syntax was parsed as (the helpers' import gives it some). */
const ignoredKey = (node, key) => POSITION_KEYS.has(key) || (key === 'raw' && isNode(node)) || (key === 'sourceType' && node.type === 'Program');

/** The first place the two ASTs differ: { path, a, b }, or null. */
function firstDifference(a, b, path = '') {
  if (a === b) return null;
  // A missing key and a null one are the same (synthesised nodes leave some out).
  if ((a === null || a === undefined) && (b === null || b === undefined)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && Number.isNaN(a) && Number.isNaN(b) ? null : { path, a, b };
  }
  if (Array.isArray(a) !== Array.isArray(b)) return { path, a, b };
  if (Array.isArray(a)) {
    const length = Math.max(a.length, b.length);
    for (let i = 0; i < length; i++) {
      if (i >= a.length || i >= b.length) return { path: `${path}[${i}]`, a: a[i], b: b[i] };
      const found = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (a.type !== b.type) return { path, a, b };
  for (const key in a) {
    if (ignoredKey(a, key)) continue;
    const found = firstDifference(a[key], b[key], path === '' ? key : `${path}.${key}`);
    if (found !== null) return withParents(found, a, b);
  }
  for (const key in b) {
    if (key in a || ignoredKey(b, key)) continue;
    const found = firstDifference(undefined, b[key], path === '' ? key : `${path}.${key}`);
    if (found !== null) return withParents(found, a, b);
  }
  return null;
}

/** The innermost nodes around a difference, for its excerpts. */
function withParents(found, a, b) {
  found.parentA ??= a;
  found.parentB ??= b;
  return found;
}

/** Line:column and a short excerpt of `code` at `offset`. */
function excerpt(code, offset) {
  if (typeof offset !== 'number') return '';
  const before = code.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const text = code.slice(Math.max(0, offset - 40), offset + 80).replace(/\s+/g, ' ');
  return `${line}:${column} …${text}…`;
}

const describe = (value) => {
  if (!isNode(value)) return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)) ?? 'undefined';
  const label = value.name ?? (value.value !== undefined && typeof value.value !== 'object' ? JSON.stringify(String(value.value)) : undefined) ?? value.operator ?? value.kind;
  return label === undefined ? value.type : `${value.type}(${label})`;
};

// ---------------------------------------------------------------------------------------
// The check.
// ---------------------------------------------------------------------------------------

/**
 * Checks one rewrite. `original`: the source text (or what prepareOriginal returned for it);
 * `output`: the rewritten text, or null if the rewriter left the file as it was. Options:
 * `filename`; `helperExports` ({ awaitFrames: [names], awaitFramesBasic: [names] }) to check
 * the helpers the file calls against the export it brings in.
 *
 * Returns { status, detail, rewritten, leftByRule }: status 'ok', 'skipped' (the original
 * does not parse), 'early-error' (the output does not) or 'violation'; rewritten: the output
 * declares the helpers; leftByRule: how many functions and module bodies kept their own
 * suspension points under the rule (test/rewrite/left-as-it-was.mjs).
 */
export function checkRewrite(original, output, { filename = 'input.js', helperExports } = {}) {
  const before = typeof original === 'string' ? prepareOriginal(original, filename) : original;
  if (before.errors.length > 0) return { status: 'skipped', detail: before.errors[0].message, rewritten: false, leftByRule: 0 };
  const unchanged = output === null || output === before.code;
  if (unchanged && !before.suspends && !before.resolves) return { status: 'ok', rewritten: false, leftByRule: 0 };
  const text = unchanged ? before.code : output;
  // The original parsed again where it is its own output: the map-back works in place.
  const parsed = parse(before.filename, text, before.sourceType);
  if (parsed.errors.length > 0) {
    const error = parsed.errors[0];
    return { status: 'early-error', detail: `${error.message} at ${excerpt(text, error.labels[0]?.start)}`, rewritten: true, leftByRule: 0 };
  }
  const program = parsed.program;
  // Generated names are not the program's: a declaration of that shape and name is its own.
  const found = unchanged ? null : helpersOfProgram(program);
  const helpers = found !== null && found.name !== before.ownHelpers?.name ? found : null;
  const violation = (detail, leftByRule = 0) => ({ status: 'violation', detail, rewritten: helpers !== null, leftByRule });
  if (helpers !== null) {
    // Before the map-back takes the calls away.
    const missing = helperExports && missingHelpers(program, helpers, helperExports);
    if (missing) return violation(missing);
    // What the helpers' declaration refers to must be the global it means. A CommonJS file
    // that declares its own top-level `require` is a limitation the README documents; it
    // is still reported here, and the random programs do not declare one.
    const globals = helpers.style === 'require' ? ['require'] : helpers.style === 'global' ? ['globalThis', 'Symbol'] : [];
    const shadowed = globals.find((name) => before.topLevel.has(name));
    if (shadowed !== undefined) return violation(`the helpers' declaration refers to ${shadowed}, which the program declares`);
  }
  const mapBack = restoreProgram(program, helpers, { generatorReturns: before.mayRewrite });
  const { leftByRule } = mapBack;
  if (mapBack.problems.length > 0) {
    return violation(mapBack.problems.map((p) => `${p.message} at ${excerpt(text, p.at)}`).join('\n'), leftByRule);
  }
  const clash = [...mapBack.generated].find((name) => before.names.has(name));
  if (clash !== undefined) return violation(`the generated name ${clash} is also a name of the program`, leftByRule);
  const difference = firstDifference(before.program, normalise(program));
  if (difference === null) return { status: 'ok', rewritten: helpers !== null, leftByRule };
  const { path, a, b, parentA, parentB } = difference;
  const at = (node, parent) => (isNode(node) ? node.start : parent?.start);
  return violation(
    `differs at ${path || '(program)'}: original ${describe(a)} vs mapped back ${describe(b)}\n` +
      `  original: ${excerpt(before.code, at(a, parentA))}\n  rewritten: ${excerpt(text, at(b, parentB))}`,
    leftByRule,
  );
}

/** The helpers the file calls that the export it brings in does not have (a message), or null. */
function missingHelpers(program, helpers, helperExports) {
  const available = new Set(helperExports[helpers.exported] ?? []);
  const missing = new Set();
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isNode(node)) return;
    if (node.type === 'MemberExpression' && isIdentifier(node.object, helpers.name) && !node.computed && !available.has(node.property.name)) {
      missing.add(node.property.name);
    }
    for (const [, value] of childrenOf(node)) visit(value);
  };
  visit(program);
  return missing.size === 0 ? null : `calls ${[...missing].join(', ')}, which ${helpers.exported} does not export`;
}

/** A file a rewriter's own parser rejects (test/rewrite/rewriters.mjs): skipped for that rewriter. */
export class Unparsable extends Error {}

/**
 * One file through one rewriter (test/rewrite/rewriters.mjs): the rewrite, its check and, if it was
 * rewritten, the second pass, which must change nothing. `original`: as for checkRewrite.
 * Returns { status, detail, rewritten }, status as checkRewrite's or 'non-idempotent', and
 * `printer` where the output was held to the file as the rewriter prints it without rewriting
 * (what differed from the original).
 */
export function checkWith(rewriter, original, options = {}) {
  const before = typeof original === 'string' ? prepareOriginal(original, options.filename ?? 'input.js') : original;
  if (before.errors.length > 0) return { status: 'skipped', detail: before.errors[0].message, rewritten: false, leftByRule: 0 };
  let output;
  try {
    output = rewriter.rewrite(before.code, before.filename);
  } catch (error) {
    if (error instanceof Unparsable) return { status: 'skipped', detail: `${rewriter.name}: ${error.message}`, rewritten: false, leftByRule: 0 };
    return { status: 'violation', detail: `${rewriter.name} threw: ${error.message.split('\n')[0]}`, rewritten: false, leftByRule: 0 };
  }
  let result = checkRewrite(before, output, options);
  if ((result.status === 'violation' || result.status === 'early-error') && rewriter.baseline) {
    // A rewriter that prints the whole file anew (Babel) has its printer's quirks: `("s")`
    // printed as the directive "s"; … The rewrite is then held to the file printed without it.
    // Should that not parse here either (Babel prints `[(async (a) => {})]() {}` in a class
    // as `[async a => {}]() {}`, which oxc-parser 0.159 rejects), the file cannot be checked.
    const printed = prepareOriginal(rewriter.baseline(before.code, before.filename), before.filename);
    if (printed.errors.length > 0) return { status: 'skipped', detail: `${rewriter.name}'s print without the rewrite does not parse: ${printed.errors[0].message}`, rewritten: false, leftByRule: 0 };
    const again = checkRewrite(printed, output, options);
    result = again.status === 'ok' ? { ...again, printer: result.detail } : again;
  }
  if (result.status !== 'ok' || !result.rewritten) return result;
  let again;
  try {
    again = rewriter.secondPass(output, before.filename);
  } catch (error) {
    again = `the second pass threw: ${error.message.split('\n')[0]}`;
  }
  return again === null ? result : { ...result, status: 'non-idempotent', detail: again };
}
