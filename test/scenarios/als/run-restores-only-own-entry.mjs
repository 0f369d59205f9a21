// docs/semantics.md §3: when run() ends it restores only its own storage's entry; an enterWith
// of another storage inside fn survives, one of the same storage does not.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const a = new AsyncLocalStorage();
const b = new AsyncLocalStorage();

a.run('a-outer', () => {
  a.run('a-inner', () => {
    b.enterWith('b-entered-inside-a-run');
    a.enterWith('a-entered-inside-a-run');
  });
  log('after inner a.run: a =', a.getStore(), 'b =', b.getStore());
  setTimeout(() => log('timer scheduled after it: a =', a.getStore(), 'b =', b.getStore()), 1);
});

b.run('b-outer', () => {
  a.run('a-run', () => b.enterWith('b-changed'));
  log('b after a.run that changed b:', b.getStore(), 'a =', a.getStore());
});
