// docs/semantics.md §3: exit(fn) is run(undefined, fn): inside, getStore() is undefined even
// when the storage has a defaultValue; other storages are untouched.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const withDefault = new AsyncLocalStorage({ defaultValue: 'default' });
const other = new AsyncLocalStorage();

other.run('other-value', () => {
  log('no value set:', withDefault.getStore());
  withDefault.exit((x) => {
    log('inside exit:', withDefault.getStore(), 'arg', x, 'other', other.getStore());
    setImmediate(() => log('immediate from inside exit:', withDefault.getStore()));
  }, 'x');
  withDefault.run('set', () => withDefault.exit(() => log('exit inside run:', withDefault.getStore())));
  log('after:', withDefault.getStore());
});
