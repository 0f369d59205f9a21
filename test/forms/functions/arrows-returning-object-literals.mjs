// Async arrows returning object literals in parentheses.
import { observe } from '../_lib/observe.cjs';

const { als, see, later } = observe();
const make = async (x) => ({ value: await later(x), store: als.getStore() });
const nested = async () => ({ inner: { list: [await later(1), await later(2)] }, store: als.getStore() });
async function main() {
  see(JSON.stringify(await make('o')));
  see(JSON.stringify(await nested()));
}

export default main;
