// docs/semantics.md §3, run(): at its end it puts back only its own storage's previous value,
// also when the frame it entered was changed in place by another storage's disable() inside
// it. The disabled storage stays cleared after the inner run ends (as after an enterWith of
// another storage), until the run that set it ends; contexts captured inside lose the value too.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const a = new AsyncLocalStorage();
const b = new AsyncLocalStorage();
const c = new AsyncLocalStorage({ defaultValue: 'c-default' });

a.run('A', () => {
  b.run('B', () => {
    const captured = AsyncLocalStorage.snapshot();
    a.disable();
    log('inside b.run after a.disable:', a.getStore(), b.getStore());
    log('snapshot taken before the disable:', captured(() => [a.getStore(), b.getStore()]));
  });
  log('after b.run:', a.getStore(), b.getStore());
  setTimeout(() => log('timer scheduled after b.run:', a.getStore(), b.getStore()), 1);
});
log('after a.run:', a.getStore(), b.getStore());

// Two disables in one frame, then nested runs of the same and of other storages.
b.run('B1', () => {
  c.run('C', () => {
    a.run('A1', () => {
      b.disable();
      c.disable();
      log('two disables:', a.getStore(), b.getStore(), c.getStore());
    });
    log('after a.run:', a.getStore(), b.getStore(), c.getStore());
    c.run('C2', () => {
      c.run('C3', () => b.disable());
      log('after c.run C3:', a.getStore(), b.getStore(), c.getStore());
    });
    log('after c.run C2:', a.getStore(), b.getStore(), c.getStore());
  });
  log('after c.run C:', a.getStore(), b.getStore(), c.getStore());
});
log('outside:', a.getStore(), b.getStore(), c.getStore());

// disable() of the run's own storage inside it: the run still puts back its previous value.
a.run('outer', () => {
  a.run('inner', () => {
    b.enterWith('entered');
    a.disable();
  });
  log('after own disable:', a.getStore(), b.getStore());
});
