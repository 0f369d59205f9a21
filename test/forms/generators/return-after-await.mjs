// Async generators: return after an await.
// `return value` in an async generator awaits the value: a suspension the body cannot
// see. Untouched code running meanwhile must not find the generator's store.
import { observe } from '../_lib/observe.cjs';

const { als, seen, see, later } = observe();
async function* finishing() { await null; see('generator before return'); return 'value'; }
const watch = new Function('als', 'seen', `return async () => {
  for (let i = 0; i < 3; i++) { await null; seen.push('untouched turn ' + i + ' @ ' + als.getStore()); }
}`)(als, seen);
async function main() {
  await later();
  const [result] = await als.exit(() => Promise.all([als.run('generator', () => finishing().next()), watch()]));
  see('returned ' + result.value);
}

export default main;
