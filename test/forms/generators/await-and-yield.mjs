// Async generators: await and yield, next() and return().
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
async function* counter() {
  see('generator start');
  const sent = yield await later('first');
  see('generator got ' + sent);
  await later();
  see('generator after await');
  try { yield 'second'; } finally { see('generator finally'); await null; see('generator finally after await'); }
}
async function main() {
  for await (const v of counter()) see('loop got ' + v);
  const manual = counter();
  see('next 1 ' + (await manual.next()).value);
  see('next 2 ' + (await manual.next('sent')).value);
  see('return ' + (await manual.return('stop')).value);
}

export default main;
