// Async generators: bare yield before a line starting with (, return of a sequence, a parameter named undefined.
// A bare `yield` ends its statement at a line break; `return a, b` returns b; a bare
// `yield` yields undefined whatever a binding named `undefined` holds.
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
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
}

export default main;
