// Await in optional chains.
import { observe } from '../_lib/observe.cjs';

const { als, see, later } = observe();
async function main() {
  const object = { method: async (v) => { await null; return v + ' ' + als.getStore(); }, value: 'v' };
  see('member ' + (await later(object))?.value);
  see('missing ' + (await later(null))?.deep.prop);
  see('call ' + await object?.method?.(await later('arg')));
  see('absent call ' + await object.absent?.(await later('never')));
  see('computed ' + object?.[await later('value')]);
}

export default main;
