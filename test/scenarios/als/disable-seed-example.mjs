// Seed example (asyncLocalStorage.disable): after disable(), getStore() returns
// undefined until the next run()/enterWith(); work scheduled afterwards sees undefined.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const asyncLocalStorage = new AsyncLocalStorage();

function logInUser(userId) {
  asyncLocalStorage.run(new Map(), () => {
    asyncLocalStorage.getStore().set('userId', userId);
    process.nextTick(() => {
      log(`The user's id is ${asyncLocalStorage.getStore().get('userId')}`);
    });
  });
}

logInUser(123); // The user's id is 123

function logOutUser() {
  asyncLocalStorage.disable();
}

logOutUser();

process.nextTick(() => {
  if (!asyncLocalStorage.getStore()) {
    log('No user is logged in');
  }
});

asyncLocalStorage.enterWith('entered-after-disable');
log('enterWith after disable:', asyncLocalStorage.getStore());
asyncLocalStorage.disable();
log('disabled again:', asyncLocalStorage.getStore());
log('run after disable:', asyncLocalStorage.run('run-value', () => asyncLocalStorage.getStore()));
