// docs/semantics.md §2: a then() callback that returns a thenable resolves the derived promise
// with it; thenable.then runs in the frame of that (implicit) resolve: the callback's
// frame as it was when the callback returned, not a run() already left inside it.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

function thenable(tag) {
  return { then(ok) { log(`${tag}.then called in`, als.getStore()); ok(tag); } };
}

als.run('then-site', () => Promise.resolve()
  .then(() => als.run('inner-run', () => thenable('returned-from-run'))))
  .then((v) => log('derived fulfilled with', v, 'in', als.getStore()));

als.run('then-site-2', () => Promise.resolve()
  .then(() => { als.enterWith('entered'); return thenable('returned-after-enterWith'); }));
