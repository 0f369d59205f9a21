// A snapshot function passes extra arguments to the callback, returns its result,
// restores the caller's frame afterwards (also after a throw) and can be reused.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const snapshot = als.run('captured', () => AsyncLocalStorage.snapshot());

als.run('caller', () => {
  log('args and return:', snapshot((a, b) => [als.getStore(), a, b], 'x', 'y'));
  log('caller frame after:', als.getStore());
  try {
    snapshot(() => { throw new Error('inside snapshot'); });
  } catch (e) {
    log('caught', e.message, 'caller frame after throw:', als.getStore());
  }
  snapshot(() => setTimeout(() => log('timer scheduled inside snapshot:', als.getStore()), 1));
  log('nested snapshot run inside run:', snapshot(() => als.run('inner', () => snapshot(() => als.getStore()))));
});
