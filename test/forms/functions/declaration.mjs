// Async function declaration.
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
async function main() {
  see('synchronous part');
  const value = await later('v1');
  see('after first await got ' + value);
  await later('v2');
  see('after second await');
  await null;
  see('after third await');
}

export default main;
