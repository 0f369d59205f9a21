// docs/semantics.md §2: then() on an already fulfilled or rejected promise still runs its
// callback with the frame of the then() call (the settled state captures nothing).
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const fulfilled = als.run('creator', () => Promise.resolve('ok'));
const rejected = als.run('creator', () => Promise.reject(new Error('no')));

als.run('first', () => fulfilled.then((v) => log('fulfilled', v, 'in', als.getStore())));
als.run('second', () => rejected.then(null, (e) => log('rejected', e.message, 'in', als.getStore())));
fulfilled.then(() => log('fulfilled, then() outside any run:', als.getStore()));
rejected.catch(() => log('rejected, catch() outside any run:', als.getStore()));
