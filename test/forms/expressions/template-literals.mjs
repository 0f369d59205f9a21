// Await in template literals.
import { observe } from '../_lib/observe.cjs';

const { als, see, later } = observe();
const tag = (strings, ...values) => strings.raw.join('|') + ' / ' + values.join('|') + ' @ ' + als.getStore();
async function main() {
  see(`plain ${await later('a')} and ${await later('b')} in ${als.getStore()}`);
  see(tag`tagged ${await later(1)} ${await later(2)}`);
  see(`nested ${`inner ${await later('c')}`}`);
}

export default main;
