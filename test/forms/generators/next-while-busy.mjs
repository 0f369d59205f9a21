// Async generators: next() called while the generator is busy.
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
async function* slow() {
  await later();
  see('after await');
  yield 1;
  see('after first yield');
  yield 2;
  see('after second yield');
}
async function main() {
  const g = slow();
  const results = await Promise.all([g.next(), g.next(), g.next()]);
  see('values ' + results.map((r) => r.value).join(','));
}

export default main;
