// disable() inside run(): the store is gone for the rest of the synchronous execution
// and for work scheduled afterwards; other storages keep their values.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const other = new AsyncLocalStorage();

other.run('other', () => als.run('value', () => {
  als.disable();
  log('same sync after disable:', als.getStore(), 'other:', other.getStore());
  setTimeout(() => log('timer scheduled after disable:', als.getStore(), 'other:', other.getStore()), 1);
  Promise.resolve().then(() => log('then attached after disable:', als.getStore()));
  als.enterWith('re-entered');
  log('enterWith after disable:', als.getStore());
}));
log('outside:', als.getStore());
