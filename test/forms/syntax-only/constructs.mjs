#!/usr/bin/env node
'use strict';
// Constructs the await scenarios do not all reach: methods, computed keys, labels, directives,
// catch defaults, every `await using` form, a static block, and the module body's own.
export async function f() { 'use strict'; try { await a(); } catch (e) { b(e); } finally { await c(); } }
export const arrow = async (x) => g(await x, await (await x));
export const object = { async [await key()]() { return await 1; }, async method() { for await (const v of it) v; } };
export class C { static async s() { lbl: for await (const v of it) { if (v) continue lbl; } } async *gen() { yield; yield await 1; yield* other(); } }
async function usingBody() { await using r = open(); use(r); }
async function usingBlock() { if (x) { await using r = open(); use(r); } after(); }
async function single() { if (x) for await (const v of it) use(v); }
const nested = async function () { return async () => { await 1; }; };
function plain() { try { x(); } catch { y(); } }
async function* agen() { const x = yield (yield 1); if (x) return await x; return; }
async function catchDefaults() { try { await a(); } catch ({ code = 1, detail: [first = () => 2] = [] }) { b(code, first); } }
async function usingLoops() { for (await using r of resources()) use(r); for await (const v of it) { await using r = open(); use(r, v); } }
async function usingMany() { { using s = sync(); await using a = open(), b = await open(); using t = sync() } for (await using r = open(), q = null; more();) { await r; } lbl: for (await using r of rs) { continue lbl; } }
async function usingHandlers() { try { await a(); } catch { await using r = open(); } finally { await using q = open(); use(q); } }
class WithStaticBlock { static { try { x(); } catch ({ y = 1 }) { z(y); } } }
await top();
for await (const v of it) use(v);
await using topResource = open();
