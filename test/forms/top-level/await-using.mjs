// Top-level await using.
// node24-only: Node 20 has no `await using`
import { observe } from '../_lib/observe.cjs';

const { als, see, later } = observe();
als.enterWith('module');
const resource = (name) => ({ async [Symbol.asyncDispose]() { see('disposing ' + name); await later(); see('disposed ' + name); } });
await using first = resource('first');
using plain = { [Symbol.dispose]() { see('sync disposing plain'); } };
await later();
await using second = resource('second'), none = null;
see('last statement');
