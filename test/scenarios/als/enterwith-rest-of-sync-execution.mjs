// docs/semantics.md §3: enterWith inside a function stays in force after the function returns
// (the rest of the synchronous execution), but not beyond an enclosing run().
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

function enter(value) { als.enterWith(value); }

als.run('outer-run', () => {
  enter('entered-in-helper');
  log('caller after helper returned:', als.getStore());
  Promise.resolve().then(() => log('then attached afterwards:', als.getStore()));
  enter('entered-again');
  log('second enterWith replaces:', als.getStore());
});
log('after the enclosing run:', als.getStore());

enter('top-level');
setTimeout(() => log('timer scheduled at top level after enterWith:', als.getStore()), 1);
