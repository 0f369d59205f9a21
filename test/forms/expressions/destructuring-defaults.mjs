// Await in destructuring defaults.
import { observe } from '../_lib/observe.cjs';

const { als, see, later } = observe();
async function main() {
  const { a = await later('default-a'), b: [c = await later('default-c')] = [] } = {};
  see('object pattern ' + a + ' ' + c);
  let d;
  [d = await later('default-d')] = [];
  see('array assignment ' + d);
  for (const { e = await later('default-e') } of [{}, { e: 'given' }]) see('for-of pattern ' + e);
  const inner = async ({ f = 'f' } = {}, [g] = ['g']) => { await null; return f + g + ' ' + als.getStore(); };
  see('parameter defaults ' + await inner());
}

export default main;
