// Object literal async methods and async generator methods.
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
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
}

export default main;
