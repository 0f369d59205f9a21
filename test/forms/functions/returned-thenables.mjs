// Returned thenables: `return E` of an async function, with or without an await before it,
// an async arrow's expression body, a method's return, a comma expression, a return inside
// try/catch/finally, and a thenable whose `then` getter throws (the function's promise
// rejects; the body's catch does not see it). Each thenable's `then` runs in the function's
// context. (A `then` getter is read before the finally blocks the return runs through, where
// natively it is read after them: docs/transform.md; no finally here.)
import { observe } from '../_lib/observe.cjs';

const { als, see } = observe();
const thenable = (label) => ({
  then(resolve) {
    see(`${label}: then`);
    als.run('driver', () => setTimeout(resolve, 1, label));
  },
});
const throwing = { get then() { see('getter'); throw new Error('getter threw'); } };

async function noAwait() { return thenable('no await'); }
async function afterAwait() { await null; als.enterWith('entered'); return thenable('after await'); }
const arrow = async () => thenable('arrow');
const arrowAwaiting = async (x) => (await x, thenable('arrow with await'));
const object = { async m() { return 0, thenable('comma'); } };
async function guarded() {
  try { return throwing; }
  catch (e) { see('caught ' + e.message); }
}
async function guardedAfterAwait() {
  await 0;
  try { return throwing; }
  catch (e) { see('caught ' + e.message); }
}

async function main() {
  see(await noAwait());
  see(await afterAwait());
  see(await arrow());
  see(await arrowAwaiting(1));
  see(await object.m());
  for (const f of [guarded, guardedAfterAwait]) {
    try { await f(); } catch (e) { see('rejected ' + e.message); }
  }
}

export default main;
