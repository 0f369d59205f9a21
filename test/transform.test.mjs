// Unit tests of the await transform (`anyctx-build/transform`).
//
// Every syntax form that can suspend an async function is written once as a small module
// (FORMS below). Each form must be rewritten (every `await` and `for await` goes through the
// helpers, and so does every function with an `await using`), must still parse, must keep every original line on its line number, must map
// its awaits back to their original positions, and must be left alone when transformed
// again. Then each form runs: the original under Node 24's own async_hooks (the oracle),
// the rewritten one under the portable engine on Node 24 and Node 20, and the stores and
// values each form observes must be the same. The forms run in one process per engine.
//
// Keep the generated files: ANYCTX_TRANSFORM_KEEP=1 node --test test/transform.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSync } from 'oxc-parser';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { transform } from 'anyctx-build/transform';
import { ORACLE, PORTABLE } from './engines.mjs';
import { rebundledRewrite } from './rebundled.mjs';
import { linkPackages } from './support/packages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const FORM_TIMEOUT_MS = 5_000;

// ---------------------------------------------------------------------------------------
// The forms. A form defines `main` (run inside `als.run('flow', main)`) or works at the top
// level; `see(label)` records the label with the store current at that point. `later(v)`
// and `failLater(message)` settle from a timer started in another store, so a continuation
// that merely keeps "some" frame is told apart from one that keeps its own.
// ---------------------------------------------------------------------------------------

const MODULE_PRELUDE = `import { AsyncLocalStorage } from '#ctx';
const als = new AsyncLocalStorage();
const seen = [];
const see = (label) => { seen.push(label + ' @ ' + als.getStore()); };
const later = (value) => als.run('resolver', () => new Promise((resolve) => setTimeout(resolve, 1, value)));
const failLater = (message) => als.run('rejecter', () => new Promise((_, reject) => setTimeout(reject, 1, new Error(message))));
`;
const MODULE_EXPORT = `
export default async () => { if (typeof main === 'function') await als.run('flow', main); return seen; };
`;

const COMMONJS_PRELUDE = MODULE_PRELUDE.replace(
  "import { AsyncLocalStorage } from '#ctx';",
  "const { AsyncLocalStorage } = require('#ctx');",
);
const COMMONJS_EXPORT = `
module.exports = async () => { await als.run('flow', main); return seen; };
`;

// A script (no import, export or require) gets its helpers from the global the engine sets.
const SCRIPT_PRELUDE = MODULE_PRELUDE.replace(
  "import { AsyncLocalStorage } from '#ctx';",
  'const { AsyncLocalStorage } = globalThis.__ctx;',
);
const scriptExport = (name) => `
globalThis.__scriptChecks[${JSON.stringify(name)}] = async () => { await als.run('flow', main); return seen; };
`;

const FORMS = [
  {
    name: 'async function declaration',
    code: `
async function main() {
  see('synchronous part');
  const value = await later('v1');
  see('after first await got ' + value);
  await later('v2');
  see('after second await');
  await null;
  see('after third await');
}`,
  },
  {
    name: 'async function expressions, named and anonymous',
    code: `
const named = async function named(x) { await later(); see('named ' + x); return x; };
const anonymous = async function () { await null; see('anonymous'); };
const main = async function () {
  see('returned ' + await named(1));
  await anonymous();
  see('after anonymous');
};`,
  },
  {
    name: 'async arrows with block bodies',
    code: `
const arrow = async (x) => { await later(); see('arrow ' + x); return x * 2; };
const single = async x => { await null; see('single parameter ' + x); };
async function main() {
  see('arrow gave ' + await arrow(2));
  await single(3);
  await (async () => { await later(); see('async IIFE'); })();
}`,
  },
  {
    name: 'async arrows with expression bodies',
    code: `
const plus = async (x) => await later(x) + ':' + als.getStore();
const bare = async x => await x;
const sequence = async () => (await later('a'), see('inside a sequence body'), await later('b'));
async function main() {
  see('expression body gave ' + await plus('x'));
  see('bare gave ' + await bare(later('y')));
  see('sequence gave ' + await sequence());
}`,
  },
  {
    name: 'async arrows returning object literals in parentheses',
    code: `
const make = async (x) => ({ value: await later(x), store: als.getStore() });
const nested = async () => ({ inner: { list: [await later(1), await later(2)] }, store: als.getStore() });
async function main() {
  see(JSON.stringify(await make('o')));
  see(JSON.stringify(await nested()));
}`,
  },
  {
    name: 'class async methods: instance, static, private, computed keys',
    code: `
const key = 'computed';
class Service {
  #secret = 's';
  async instance(x) { await later(); see('instance ' + x + ' ' + this.#secret); return this.#hidden(); }
  async #hidden() { await null; see('private'); return 'p'; }
  static async create() { await later(); see('static'); return new Service(); }
  async [key]() { await later(); see('computed key'); }
  async [Symbol.for('symbol-key')]() { await null; see('symbol key'); }
  static async #staticHidden() { await later(); see('static private'); }
  static callStaticHidden() { return Service.#staticHidden(); }
  field = async () => { await later(); see('field arrow ' + (this instanceof Service)); };
  static { this.ready = (async () => { await null; return 'static block'; })(); }
}
async function main() {
  const service = await Service.create();
  see('instance returned ' + await service.instance(1));
  await service.computed();
  await service[Symbol.for('symbol-key')]();
  await Service.callStaticHidden();
  await service.field();
  see(await Service.ready);
}`,
  },
  {
    name: 'object literal async methods and async generator methods',
    code: `
const api = {
  async get(x) { await later(); see('method ' + x); return x; },
  async ['comp' + 'uted']() { await null; see('computed method'); },
  async *items() { yield await later('item'); see('generator method'); },
  nested: { deeper: async () => { await later(); see('nested arrow property'); } },
};
async function main() {
  await api.get('m');
  await api.computed();
  for await (const item of api.items()) see('got ' + item);
  await api.nested.deeper();
}`,
  },
  {
    name: 'await in call arguments and constructors',
    code: `
async function main() {
  see(['arguments', await later(1), await Promise.resolve(2)].join(' '));
  see('max ' + Math.max(await later(1), await later(3), 2));
  see('array length ' + new Array(await later(2)).length);
  see('spread ' + Math.min(...await later([4, 5])));
  const callee = await later((x) => x + ' ' + als.getStore());
  see('awaited callee: ' + callee(await later('arg')));
}`,
  },
  {
    name: 'await in conditionals, loops and switch',
    code: `
async function main() {
  see((await later(true)) ? await later('yes') : await later('no'));
  if (await later(false)) see('not here'); else see('else branch');
  let n = 2;
  while (await later(n--) > 0) see('while body');
  do { see('do body'); } while (await later(false));
  for (let i = await later(0); i < (await later(2)); i += await later(1)) see('for ' + i);
  switch (await later('k')) {
    case await later('j'): see('wrong case'); break;
    case await later('k'): see('matching case'); break;
  }
}`,
  },
  {
    name: 'await with logical operators, ?? and logical assignment',
    code: `
async function main() {
  see('or ' + ((await later(0)) || await later('fallback')));
  see('and ' + ((await later(1)) && await later('second')));
  see('nullish ' + ((await later(undefined)) ?? await later('default')));
  let a = null;
  a ??= await later('assigned');
  let b = 0;
  b ||= await later('or-assigned');
  let c = 1;
  c &&= await later('and-assigned');
  see([a, b, c].join(' '));
}`,
  },
  {
    name: 'await in optional chains',
    code: `
async function main() {
  const object = { method: async (v) => { await null; return v + ' ' + als.getStore(); }, value: 'v' };
  see('member ' + (await later(object))?.value);
  see('missing ' + (await later(null))?.deep.prop);
  see('call ' + await object?.method?.(await later('arg')));
  see('absent call ' + await object.absent?.(await later('never')));
  see('computed ' + object?.[await later('value')]);
}`,
  },
  {
    name: 'await in template literals',
    code: `
const tag = (strings, ...values) => strings.raw.join('|') + ' / ' + values.join('|') + ' @ ' + als.getStore();
async function main() {
  see(\`plain \${await later('a')} and \${await later('b')} in \${als.getStore()}\`);
  see(tag\`tagged \${await later(1)} \${await later(2)}\`);
  see(\`nested \${\`inner \${await later('c')}\`}\`);
}`,
  },
  {
    name: 'await in destructuring defaults',
    code: `
async function main() {
  const { a = await later('default-a'), b: [c = await later('default-c')] = [] } = {};
  see('object pattern ' + a + ' ' + c);
  let d;
  [d = await later('default-d')] = [];
  see('array assignment ' + d);
  for (const { e = await later('default-e') } of [{}, { e: 'given' }]) see('for-of pattern ' + e);
  const inner = async ({ f = 'f' } = {}, [g] = ['g']) => { await null; return f + g + ' ' + als.getStore(); };
  see('parameter defaults ' + await inner());
}`,
  },
  {
    name: 'return await',
    code: `
async function plain() { return await later('returned'); }
async function guarded() {
  try { return await failLater('rejected'); }
  catch (e) { see('caught in the returning function ' + e.message); return 'recovered'; }
  finally { see('finally after return await'); }
}
async function main() {
  see(await plain());
  see(await guarded());
}`,
  },
  {
    name: 'nested await await',
    code: `
async function main() {
  see('double ' + await await later('x'));
  see('promise of a promise ' + await await later(later('y')));
  see('thenable of a promise ' + await (await later({ then: (resolve) => resolve(later('z')) })));
  see('triple ' + await await await null);
}`,
  },
  {
    name: 'for await over async generators, arrays of promises and sync iterables',
    code: `
async function* numbers() { yield 1; await later(); yield 2; }
async function main() {
  for await (const n of numbers()) { see('from generator ' + n); await null; see('after await in body ' + n); }
  see('after loop');
  for await (const v of [later('a'), 'plain', Promise.resolve('b')]) { see('from array ' + v); }
  for await (const [k, v] of new Map([['key', later('value')]])) see('destructured ' + k);
  let last;
  for await (last of numbers()) {}
  see('assignment target ' + last);
}`,
  },
  {
    name: 'for await: labels, continue, break and non-block bodies',
    code: `
async function* numbers() { for (let i = 1; i <= 3; i++) { await later(); yield i; } }
async function main() {
  loop: for await (const n of numbers()) {
    if (n === 1) continue loop;
    if (n === 3) break loop;
    see('labelled body ' + n);
  }
  see('after labelled loop');
  for await (const n of numbers()) if (n === 2) break; else see('non-block body ' + n);
  see('after non-block loop');
  for await (const n of numbers()) see('single statement body ' + n);
  a: b: for await (const n of numbers()) { if (n > 1) break a; }
  see('after two labels');
  for await (const n of numbers()) { if (n < 3) continue; see('after continue ' + n); }
}`,
  },
  {
    name: 'for await: break and continue to an outer label',
    code: `
async function* numbers() { yield 1; await later(); yield 2; }
async function main() {
  outer: for (const round of [1, 2]) {
    for await (const n of numbers()) {
      if (round === 1) continue outer;
      break outer;
    }
  }
  see('after break to the outer label');
  await later();
  see('after the next await');
  block: { for await (const n of numbers()) break block; }
  see('after break out of a labelled block');
}`,
  },
  {
    name: 'await using',
    node24Only: true,
    code: `
const resource = (name) => ({ async [Symbol.asyncDispose]() { see('disposing ' + name); await later(); see('disposed ' + name); } });
async function main() {
  {
    await using first = resource('block');
    see('inside the block');
    await later();
    see('after await in the block');
  }
  see('after the block');
  await using second = resource('function');
  await using nothing = null;
  see('before the function ends');
}`,
  },
  {
    name: 'await using: leaving the block with break, continue and return',
    node24Only: true,
    code: `
const resource = (name) => ({ async [Symbol.asyncDispose]() { await later(); see('disposed ' + name); } });
async function early() { await using r = resource('return'); return 'returned'; }
async function main() {
  for (const i of [1, 2]) {
    await using r = resource('loop ' + i);
    if (i === 1) continue;
    break;
  }
  see('after the loop');
  see(await early());
}`,
  },
  {
    name: 'await using in loop heads',
    node24Only: true,
    code: `
const resource = (name) => ({ async [Symbol.asyncDispose]() { await null; see('disposed ' + name); } });
async function forOf() {
  for (await using r of [resource('for-of 1'), resource('for-of 2')]) see('for-of body');
  see('after the for-of loop');
}
async function forAwait() {
  for await (await using r of [resource('for-await')]) see('for-await body');
  see('after the for-await loop');
}
async function main() {
  await forOf();
  see('after forOf()');
  await forAwait();
}`,
  },
  {
    name: 'await using: declarations with several resources, sync using beside them, null',
    node24Only: true,
    code: `
const resource = (name) => ({ async [Symbol.asyncDispose]() { see('disposing ' + name); await later(); see('disposed ' + name); } });
const syncResource = (name) => ({ [Symbol.dispose]() { see('sync disposing ' + name); } });
async function main() {
  {
    using before = syncResource('before');
    await using a = resource('a'), nothing = null, b = await later(resource('b'));
    see('same objects ' + (typeof a[Symbol.asyncDispose] === 'function' && nothing === null));
    using after = syncResource('after');
    await using alsoNothing = undefined;
    await later();
  }
  see('after the block');
  { await using onlyNull = null; see('null only'); }
  see('after the null block');
}`,
  },
  {
    name: 'await using: a sync-only resource, throwing disposals, SuppressedError',
    node24Only: true,
    code: `
const syncOnly = (name) => ({ [Symbol.dispose]() { see('sync-only disposing ' + name); } });
const throwing = (name) => ({ [Symbol.asyncDispose]() { see('throwing ' + name); throw new Error(name); } });
const rejecting = (name) => ({ async [Symbol.asyncDispose]() { await later(); see('rejecting ' + name); throw new Error(name); } });
const syncThrowing = (name) => ({ [Symbol.dispose]() { see('sync-only throwing ' + name); throw new Error(name); } });
async function main() {
  { await using s = syncOnly('s'); await later(); }
  see('after sync-only');
  try { await using t = throwing('t'); await later(); } catch (e) { see('caught ' + e.message); }
  try { await using r = rejecting('r'), q = syncThrowing('q'); throw new Error('body'); }
  catch (e) { see('caught ' + e.constructor.name + ' ' + e.error.message + ' ' + e.suppressed.constructor.name); }
  for (const bad of [1, {}, { [Symbol.asyncDispose]: 1 }]) {
    try { await using x = bad; see('not reached'); } catch (e) { see('rejected ' + e.constructor.name); }
  }
  see('end');
}`,
  },
  {
    name: 'await using: C-style for heads, with a label',
    node24Only: true,
    code: `
const resource = (name) => ({ async [Symbol.asyncDispose]() { see('disposing ' + name); await later(); see('disposed ' + name); } });
async function main() {
  let i = 0;
  for (await using r = resource('head'), n = null; i < 2; i++) {
    await later();
    see('loop body ' + i);
  }
  see('after the loop');
  outer: for (await using r = resource('labelled'); i < 5; i++) {
    for (const j of [1, 2]) { if (j === 2) continue outer; see('inner ' + i); }
  }
  see('after the labelled loop');
}`,
  },
  {
    name: 'await using in loop heads: the iterator is called in the function\'s frame',
    node24Only: true,
    code: `
const resource = (name) => ({ async [Symbol.asyncDispose]() { await later(); see('disposed ' + name); } });
const watched = (names) => ({
  [Symbol.iterator]() {
    let i = 0;
    return {
      next() { see('next ' + i); return i < names.length ? { value: resource(names[i++]), done: false } : { value: undefined, done: true }; },
      return() { see('return'); return { done: true }; },
    };
  },
});
async function main() {
  for (await using r of watched(['a', 'b'])) see('body');
  see('after the loop');
  for (await using r of watched(['c', 'd'])) { see('body before break'); break; }
  see('after the break');
}`,
  },
  {
    name: 'await using in an async generator, closed by return()',
    node24Only: true,
    code: `
const resource = (name) => ({ async [Symbol.asyncDispose]() { see('disposing ' + name); await later(); see('disposed ' + name); } });
async function* producing() {
  await using r = resource('generator');
  await later();
  yield 1;
  yield 2;
}
async function main() {
  const g = producing();
  see('first ' + (await g.next()).value);
  await als.run('closer', () => g.return('done'));
  see('after return');
}`,
  },
  {
    name: 'top-level await using',
    node24Only: true,
    code: `
als.enterWith('module');
const resource = (name) => ({ async [Symbol.asyncDispose]() { see('disposing ' + name); await later(); see('disposed ' + name); } });
await using first = resource('first');
using plain = { [Symbol.dispose]() { see('sync disposing plain'); } };
await later();
await using second = resource('second'), none = null;
see('last statement');`,
  },
  {
    name: 'async generators: await and yield, next() and return()',
    code: `
async function* counter() {
  see('generator start');
  const sent = yield await later('first');
  see('generator got ' + sent);
  await later();
  see('generator after await');
  try { yield 'second'; } finally { see('generator finally'); await null; see('generator finally after await'); }
}
async function main() {
  for await (const v of counter()) see('loop got ' + v);
  const manual = counter();
  see('next 1 ' + (await manual.next()).value);
  see('next 2 ' + (await manual.next('sent')).value);
  see('return ' + (await manual.return('stop')).value);
}`,
  },
  {
    name: 'async generators: yield*',
    code: `
async function* inner() { await later(); see('inner'); yield 'i1'; yield 'i2'; return 'inner result'; }
async function* outer() {
  const result = yield* inner();
  see('after yield* got ' + result);
  yield* ['s1', 's2'];
  see('after yield* of an array');
}
async function main() {
  for await (const v of outer()) see('loop got ' + v);
}`,
  },
  {
    name: 'async generators: next() called while the generator is busy',
    code: `
async function* slow() {
  await later();
  see('after await');
  yield 1;
  see('after first yield');
  yield 2;
  see('after second yield');
}
async function main() {
  const g = slow();
  const results = await Promise.all([g.next(), g.next(), g.next()]);
  see('values ' + results.map((r) => r.value).join(','));
}`,
  },
  {
    // `return value` in an async generator awaits the value: a suspension the body cannot
    // see. Untouched code running meanwhile must not find the generator's store.
    name: 'async generators: return after an await',
    code: `
async function* finishing() { await null; see('generator before return'); return 'value'; }
const watch = new Function('als', 'seen', \`return async () => {
  for (let i = 0; i < 3; i++) { await null; seen.push('untouched turn ' + i + ' @ ' + als.getStore()); }
}\`)(als, seen);
async function main() {
  await later();
  const [result] = await als.exit(() => Promise.all([als.run('generator', () => finishing().next()), watch()]));
  see('returned ' + result.value);
}`,
  },
  {
    name: 'top-level await',
    code: `
als.enterWith('module');
await later();
see('after top-level await');
for await (const v of [later('a')]) see('top-level for await ' + v);
const value = await als.run('inner', async () => { await later(); see('inside the awaited run'); return 'v'; });
see('after the awaited run ' + value);
try { await failLater('top'); } catch (e) { see('top-level catch ' + e.message); }`,
  },
  {
    name: 'try/catch/finally: a rejected await lands in catch with its frame',
    code: `
async function main() {
  try { await failLater('boom'); see('not reached'); }
  catch (e) { see('catch ' + e.message); await later(); see('await in catch'); }
  finally { see('finally'); await null; see('await in finally'); }
  try { try { await failLater('inner'); } finally { see('inner finally'); } }
  catch (e) { see('outer catch ' + e.message); }
  try { await later(); throw new Error('thrown'); } catch { see('optional catch binding'); }
  try { await Promise.reject(new Error('settled')); } catch (e) { see('already rejected ' + e.message); }
}`,
  },
  {
    name: 'try/catch: binding patterns with defaults',
    code: `
async function main() {
  try { await failLater('x'); }
  catch ({ message, store = als.getStore() }) { see('catch parameter default saw ' + store + ' for ' + message); }
}`,
  },
  {
    name: 'labels on blocks and loops',
    code: `
async function main() {
  block: { await later(); see('in labelled block'); if (als.getStore()) break block; see('not reached'); }
  see('after labelled block');
  loop: for (let i = 0; i < 3; i++) { await later(); if (i === 1) continue loop; see('loop ' + i); }
  outer: while (true) { inner: for (;;) { await later(); break outer; } }
  see('after nested labelled loops');
}`,
  },
  {
    name: 'await in other expression positions',
    code: `
class Box { constructor(v) { this.v = v; } }
async function main() {
  const object = { key: 'value', n: 2 };
  see('typeof ' + typeof await later(1));
  see('void ' + void await later(1));
  see('unary ' + -(await later(3)));
  see('power ' + (await later(3)) ** 2);
  see('member ' + object[await later('key')]);
  see('spread ' + [...await later([1, 2])].length + ' ' + Object.keys({ ...await later(object) }).length);
  see('new ' + new (await later(Box))(await later('boxed')).v);
  see('in ' + ((await later('key')) in object) + ' instanceof ' + ((await later(new Box())) instanceof Box));
  let x;
  x = await later('assigned');
  object[await later('n')] = await later(5);
  see('assignments ' + x + ' ' + object.n);
  see('comma ' + (await later(1), await later(2)));
  see('delete ' + delete (await later(object)).key);
  see('call result ' + (await later(() => als.getStore()))());
  see('in a callback ' + [1].map((v) => v + ' ' + als.getStore()));
  function* sync() { yield als.getStore(); }
  see('sync generator ' + [...sync()]);
}`,
  },
  {
    name: 'recursion and Promise.all of async functions',
    code: `
async function depth(n) { if (n === 0) return 0; await later(); return 1 + await depth(n - 1); }
async function leaf(name) { await later(); see('leaf ' + name); await null; return name; }
async function main() {
  see('depth ' + await depth(5));
  see('all ' + (await Promise.all([leaf('a'), leaf('b'), als.run('other', () => leaf('c'))])).join(','));
  see('allSettled ' + (await Promise.allSettled([leaf('d'), failLater('e')])).map((r) => r.status));
  see('race ' + await Promise.race([leaf('f'), new Promise(() => {})]));
}`,
  },
  {
    name: '"use strict" directives in functions',
    code: `
async function strict() { 'use strict'; await later(); see('strict ' + (this === undefined)); }
const arrow = async () => { "use strict"; await later(); see('strict arrow'); };
async function main() { await strict(); await arrow(); }`,
  },
  {
    name: 'non-ASCII text before and between awaits',
    code: `
const café = 'naïve — 日本語 😀';
async function main() {
  see(café + ' ' + await later('ü'));
  see('𝒳 ' + await later('😀') + ' ☃');
}`,
  },
  {
    name: 'hashbang and a module "use strict" stay first',
    prelude: `#!/usr/bin/env node
'use strict';
`,
    code: `
async function main() { await later(); see('strict module ' + (this === undefined)); }`,
  },
  {
    // Minifiers drop the space after a keyword where a parenthesis, bracket or literal
    // follows: what is inserted there must not make one word of the keyword and itself.
    name: 'minified: await(, yield[, return(, of( without a space',
    code: `
async function*g(){yield(1);const v=yield[2];see('yielded back '+v);return(await later(3))}
async function main(){const o={t:await(await later({v:'x'})).v};see('await( gave '+o.t);for await(const x of(g()))see('of( gave '+x);const it=g();await it.next();see('next( gave '+(await it.next('w')).value+' '+(await it.next()).value)}`,
  },
  {
    // A bare \`yield\` ends its statement at a line break; \`return a, b\` returns b; a bare
    // \`yield\` yields undefined whatever a binding named \`undefined\` holds.
    name: 'async generators: bare yield before a line starting with (, return of a sequence, a parameter named undefined',
    code: `
let x = 'not called';
async function* bare() { yield
(x) }
async function* sequence() { await later(); return see('sequence first'), 'second' }
async function* shadowed(undefined) { yield; await later(); see('after shadowed yield') }
async function main() {
  for await (const v of bare()) see('bare yielded ' + v);
  see('sequence returned ' + (await sequence().next()).value);
  const it = shadowed(42);
  see('shadowed yielded ' + (await it.next()).value);
  await it.next();
}`,
  },
  {
    name: 'CommonJS (helpers by require)',
    kind: 'commonjs',
    code: `
async function sloppy() { await later(); see('sloppy this is an object ' + (typeof this === 'object')); }
async function strict() { 'use strict'; await later(); see('strict this ' + typeof this); }
async function main() { await sloppy(); await strict(); }`,
  },
  {
    name: 'script (helpers from the global)',
    kind: 'script',
    code: `
async function main() { await later(); see('script after await'); for await (const v of [later('x')]) see('script loop ' + v); }`,
  },
  {
    name: 'TypeScript module (.mts)',
    kind: 'typescript',
    node24Only: true,
    code: `
interface Row { id: number }
type Query = Promise<Row[]>;
async function load<T>(value: T): Promise<T> { const got: T = await later(value) as T; see('generic ' + typeof got); return got!; }
class Repo {
  readonly name: string;
  constructor(name: string) { this.name = name; }
  async find(id: number): Query { await later(); see('typed method ' + this.name); return [{ id }] satisfies Row[]; }
}
async function main(): Promise<void> {
  const rows = await new Repo('repo').find(1);
  see('rows ' + rows.length + ' ' + await load<string>('s'));
  for await (const row of rows as Iterable<Row>) see('row ' + row.id);
}`,
  },
];

const FILE_EXTENSION = { module: '.mjs', commonjs: '.cjs', script: '.js', typescript: '.mts' };

function formFile(form, index) {
  const kind = form.kind ?? 'module';
  const fileName = `form-${String(index).padStart(2, '0')}${FILE_EXTENSION[kind]}`;
  const prelude = form.prelude ?? '';
  let source;
  if (kind === 'commonjs') source = prelude + COMMONJS_PRELUDE + form.code + COMMONJS_EXPORT;
  else if (kind === 'script') source = prelude + SCRIPT_PRELUDE + form.code + scriptExport(form.name);
  else source = prelude + MODULE_PRELUDE + form.code + MODULE_EXPORT;
  return { fileName, source };
}

const cases = FORMS.map((form, index) => ({ form, ...formFile(form, index) }));

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
// Running the forms: one process per engine, in a temporary package whose '#ctx' points at
// the repository's test/ctx targets and whose node_modules/anyctx is this repository, so
// the rewritten code imports its helpers from 'anyctx/portable' as a user's code would.
// ---------------------------------------------------------------------------------------

const RUNNER = `
const ctx = await import('#ctx');
globalThis.__ctx = ctx;
globalThis.__scriptChecks = {};
const results = {};
process.on('unhandledRejection', (error) => { (results.unhandledRejections ??= []).push(String(error?.message ?? error)); });
for (const { name, file } of JSON.parse(process.argv[2])) {
  let timer;
  try {
    const module = await import(file);
    const check = typeof module.default === 'function' ? module.default : globalThis.__scriptChecks[name];
    const timeout = new Promise((_, reject) => { timer = setTimeout(reject, ${FORM_TIMEOUT_MS}, new Error('timed out')); });
    results[name] = await Promise.race([check(), timeout]);
  } catch (error) {
    results[name] = { threw: String(error?.message ?? error) };
  } finally {
    clearTimeout(timer);
  }
}
process.stdout.write(JSON.stringify(results));
`;

let workDir;

function createWorkDir() {
  const dir = mkdtempSync(join(tmpdir(), 'anyctx-transform-'));
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
      },
    }),
  );
  writeFileSync(join(dir, 'ctx-native.mjs'), `export * from ${ctx('native.mjs')};\n`);
  writeFileSync(join(dir, 'ctx-portable.mjs'), `export * from ${ctx('portable.mjs')};\n`);
  writeFileSync(join(dir, 'ctx-native.cjs'), `module.exports = require(${ctx('native.cjs')});\n`);
  writeFileSync(join(dir, 'ctx-portable.cjs'), `module.exports = require(${ctx('portable.cjs')});\n`);
  mkdirSync(join(dir, 'node_modules'));
  linkPackages(join(dir, 'node_modules'), ['anyctx']);
  mkdirSync(join(dir, 'original'));
  mkdirSync(join(dir, 'rewritten'));
  writeFileSync(join(dir, 'runner.mjs'), RUNNER);
  return dir;
}

const childEnv = { ...process.env };
delete childEnv.NODE_OPTIONS;
delete childEnv.NODE_TEST_CONTEXT;

function runForms(engine, folder, selected) {
  const list = selected.map(({ form, fileName }) => ({ name: form.name, file: `./${folder}/${fileName}` }));
  return new Promise((resolve, reject) => {
    execFile(
      engine.node,
      [...engine.args, join(workDir, 'runner.mjs'), JSON.stringify(list)],
      { cwd: workDir, env: childEnv, maxBuffer: 64 << 20, timeout: 5 * 60 * 1000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${engine.name} failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout));
      },
    );
  });
}

const runsOn = (engine, form) => !form.node24Only || !engine.node.includes('node20');

let oracleResults;
const portableResults = new Map();
const transformed = new Map();

before(async () => {
  workDir = createWorkDir();
  for (const entry of cases) {
    writeFileSync(join(workDir, 'original', entry.fileName), entry.source);
    let output;
    try {
      output = transform(entry.source, { filename: entry.fileName });
      writeFileSync(join(workDir, 'rewritten', entry.fileName), output.code);
    } catch (error) {
      output = { error };
    }
    transformed.set(entry.form.name, output);
  }
  const runnable = (engine) => cases.filter((entry) => runsOn(engine, entry.form) && !transformed.get(entry.form.name).error);
  const [oracle, ...portable] = await Promise.all([
    runForms(ORACLE, 'original', runnable(ORACLE)),
    ...PORTABLE.map((engine) => runForms(engine, 'rewritten', runnable(engine))),
  ]);
  oracleResults = oracle;
  PORTABLE.forEach((engine, i) => portableResults.set(engine.name, portable[i]));
});

after(() => {
  if (!workDir) return;
  if (process.env.ANYCTX_TRANSFORM_KEEP) console.log(`generated files kept in ${workDir}`);
  else rmSync(workDir, { recursive: true, force: true });
});

function rewrite(entry) {
  const output = transformed.get(entry.form.name);
  if (output.error) throw output.error;
  return output;
}

// ---------------------------------------------------------------------------------------

describe('every syntax form is rewritten', () => {
  for (const entry of cases) {
    it(entry.form.name, () => {
      const output = rewrite(entry);
      assert.equal(output.changed, true);
      const parsed = parse(entry.fileName, output.code);
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
      const original = parse(entry.fileName, entry.source);
      assert.equal(
        nodesOf(parsed.program, isSuspensionPoint).length,
        nodesOf(original.program, isSuspensionPoint).length,
        'no suspension point is added or lost',
      );
    });
  }
});

describe('every syntax form still runs as it does natively', () => {
  it('the oracle ran every form, each observing something', () => {
    for (const entry of cases) {
      if (!runsOn(ORACLE, entry.form)) continue;
      const result = oracleResults[entry.form.name];
      assert.ok(Array.isArray(result) && result.length > 0, `${entry.form.name}: ${JSON.stringify(result)}`);
    }
    assert.equal(oracleResults.unhandledRejections, undefined);
  });

  for (const engine of PORTABLE) {
    describe(engine.name, () => {
      for (const entry of cases) {
        const skip = runsOn(engine, entry.form) ? false : 'this syntax needs Node 24';
        it(entry.form.name, { skip, todo: entry.form.knownLimitation }, () => {
          rewrite(entry);
          const got = portableResults.get(engine.name);
          assert.deepEqual(got[entry.form.name], oracleResults[entry.form.name]);
        });
      }
      it('no unhandled rejection', () => {
        assert.equal(portableResults.get(engine.name).unhandledRejections, undefined);
      });
    });
  }
});

describe('every original line keeps its line number', () => {
  for (const entry of cases) {
    it(entry.form.name, () => {
      const outputLines = rewrite(entry).code.split('\n');
      entry.source.split('\n').forEach((line, i) => {
        assert.ok(
          keptOnLine(line, outputLines[i] ?? ''),
          `line ${i + 1} moved or changed:\n  original: ${line}\n  output:   ${outputLines[i]}`,
        );
      });
    });
  }
});

describe('the source map points every suspension point back to its original position', () => {
  for (const entry of cases) {
    it(entry.form.name, () => {
      const output = rewrite(entry);
      assert.ok(output.map, 'a map is emitted by default');
      const map = new TraceMap(output.map);
      assert.deepEqual(map.sources.map((s) => s.split('/').pop()), [entry.fileName]);
      assert.equal(map.sourcesContent?.[0], entry.source, 'the map carries the original text');
      const originalPoints = nodesOf(parse(entry.fileName, entry.source).program, isSuspensionPoint);
      const outputPoints = nodesOf(parse(entry.fileName, output.code).program, isSuspensionPoint);
      assert.equal(outputPoints.length, originalPoints.length);
      outputPoints.forEach(({ node }, i) => {
        const generated = lineColumn(output.code, node.start);
        const expected = lineColumn(entry.source, originalPoints[i].node.start);
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
  for (const entry of cases) {
    it(entry.form.name, () => {
      const once = rewrite(entry);
      const twice = transform(once.code, { filename: entry.fileName });
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
// meant (src/transform/wrappable-body.ts): such a function is left as it was, and the
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

describe('files without await are returned untouched', () => {
  const untouched = [
    ['empty.mjs', ''],
    ['plain.mjs', 'export const x = 1;\n'],
    ['async-without-await.mjs', 'export async function f() { return 1; }\nexport const g = async () => 2;\n'],
    ['words-only.mjs', "// await here, yield there\nconst s = 'await x; yield y';\nconst t = `for await`;\n/* await */\n"],
    ['sync-generator.mjs', 'function* g() { yield 1; yield* [2]; }\nasync function f() { const it = g(); return [...it]; }\n'],
    ['await-identifier.js', 'var await = 1;\nconsole.log(await + 1);\n'],
    ['await-identifier.cjs', 'var await = 2; module.exports = await;\n'],
    ['yield-identifier.js', 'var yield = 1;\nasync function f() { return yield; }\n'],
    ['types.ts', 'declare function f(): Promise<void>;\nexport type Awaited2<T> = T extends Promise<infer U> ? U : T; // await\n'],
    ['component.tsx', 'export const C = async () => <div title="await">await</div>;\n'],
  ];
  for (const [fileName, code] of untouched) {
    it(fileName, () => {
      const result = transform(code, { filename: fileName });
      assert.equal(result.changed, false);
      assert.equal(result.code, code);
    });
  }
});

// ---------------------------------------------------------------------------------------

const TYPESCRIPT_SAMPLES = [
  [
    'service.ts',
    `import type { Pool } from './pool';
export interface User { id: number; name?: string }
enum Role { Admin = 'admin', User = 'user' }
declare function audit(event: string): Promise<void>;
export abstract class Base<T> { abstract load(id: number): Promise<T>; }
export class Users extends Base<User> {
  constructor(private readonly pool: Pool, public role: Role = Role.User) { super(); }
  async load(id: number): Promise<User>;
  async load(id: number, strict?: boolean): Promise<User> {
    const row = await this.pool.query<User>('select', [id]) as User | undefined;
    await audit(\`load \${id}\`)!;
    for await (const chunk of this.pool.stream(id) as AsyncIterable<Uint8Array>) void chunk;
    return row satisfies User | undefined ?? { id };
  }
}
export const find = async <T extends User>(users: Users, id: number): Promise<T> => (await users.load(id)) as T;
const isUser = (x: unknown): x is User => typeof x === 'object';
export async function* pages(users: Users): AsyncGenerator<User, void, undefined> { yield await users.load(1); }
`,
  ],
  [
    'decorated.ts',
    `function logged(_: unknown, context: ClassMethodDecoratorContext) { return undefined; }
export class Api {
  @logged async get<T>(url: string): Promise<T | null> { const r = await fetch(url); return (await r.json()) as T; }
  declare readonly base: string;
  private async retry(times = 3): Promise<void> { while (times-- > 0) await Promise.resolve(); }
}
`,
  ],
  [
    'component.tsx',
    `import type { FC } from 'react';
type Props = { id: number };
export const Item: FC<Props> = async ({ id }: Props) => <li key={id}>{await load(id)}</li>;
export const List = async <T,>(props: { items: T[] }) => (
  <>
    <ul data-count={(await count()) as number}>{props.items.map((item) => <Item id={1} />)}</ul>
    <Suspense fallback={<span>…</span>}>{await Promise.all([render(), render()])}</Suspense>
  </>
);
async function load(id: number): Promise<string> { return String(await fetchName(id)); }
`,
  ],
  [
    'script.jsx',
    `export async function Page() { const data = await getData(); return <main className="page">{data.title}<Footer year={await year()} /></main>; }
`,
  ],
];

// Node types that only TypeScript or JSX have: the output must hold exactly as many.
const isTypeOrJsxNode = (node) => /^(TS|JSX)/.test(node.type);

describe('TypeScript and JSX syntax is left intact', () => {
  for (const [fileName, code] of TYPESCRIPT_SAMPLES) {
    it(fileName, () => {
      const output = transform(code, { filename: fileName });
      assert.equal(output.changed, true);
      const original = parse(fileName, code);
      assert.deepEqual(original.errors, [], 'the sample itself parses');
      const parsed = parse(fileName, output.code);
      assert.deepEqual(parsed.errors, [], 'the output parses as the same language');
      const count = (program) => {
        const counts = {};
        for (const { node } of nodesOf(program, isTypeOrJsxNode)) counts[node.type] = (counts[node.type] ?? 0) + 1;
        return counts;
      };
      assert.deepEqual(count(parsed.program), count(original.program));
      const outputLines = output.code.split('\n');
      code.split('\n').forEach((line, i) => assert.ok(keptOnLine(line, outputLines[i] ?? ''), `line ${i + 1} moved`));
      const twice = transform(output.code, { filename: fileName });
      assert.equal(twice.changed, false);
      assert.equal(twice.code, output.code);
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
