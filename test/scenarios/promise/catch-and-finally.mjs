// docs/semantics.md §2: catch() and finally() callbacks, like then(), run in the frame
// current when they were attached; finally passes the value/rejection through.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

const failing = als.run('origin', () => Promise.reject(new Error('boom')));
const caught = als.run('catch-site', () => failing.catch((e) => { log('catch', e.message, 'in', als.getStore()); return 'recovered'; }));
const finished = als.run('finally-site', () => caught.finally(() => { log('finally in', als.getStore()); return 'ignored'; }));
als.run('then-site', () => finished.then((v) => log('after finally value', v, 'in', als.getStore())));

const failingFinally = als.run('origin-2', () => Promise.resolve(1).finally(() => {
  log('throwing finally in', als.getStore());
  throw new Error('from finally');
}));
als.run('catch-site-2', () => failingFinally.catch((e) => log('caught', e.message, 'in', als.getStore())));
