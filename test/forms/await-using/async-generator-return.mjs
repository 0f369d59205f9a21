// Await using in an async generator, closed by return().
// node24-only: Node 20 has no `await using`
import { observe } from '../_lib/observe.cjs';

const { als, see, later } = observe();
const resource = (name) => ({ async [Symbol.asyncDispose]() { see('disposing ' + name); await later(); see('disposed ' + name); } });
async function* producing() {
  await using r = resource('generator');
  await later();
  yield 1;
  yield 2;
}
async function main() {
  const g = producing();
  see('first ' + (await g.next()).value);
  await als.run('closer', () => g.return('done'));
  see('after return');
}

export default main;
