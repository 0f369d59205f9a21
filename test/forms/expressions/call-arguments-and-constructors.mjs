// Await in call arguments and constructors.
import { observe } from '../_lib/observe.cjs';

const { als, see, later } = observe();
async function main() {
  see(['arguments', await later(1), await Promise.resolve(2)].join(' '));
  see('max ' + Math.max(await later(1), await later(3), 2));
  see('array length ' + new Array(await later(2)).length);
  see('spread ' + Math.min(...await later([4, 5])));
  const callee = await later((x) => x + ' ' + als.getStore());
  see('awaited callee: ' + callee(await later('arg')));
}

export default main;
