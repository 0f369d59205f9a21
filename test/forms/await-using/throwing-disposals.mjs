// Await using: a sync-only resource, throwing disposals, SuppressedError.
// node24-only: Node 20 has no `await using`
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
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
}

export default main;
