// docs/semantics.md §2: a then() callback runs in the frame current when then() was called,
// not the frame in which the promise was created or resolved.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
let resolve;
const promise = als.run('created', () => new Promise((r) => { resolve = r; }));

als.run('then-A', () => promise.then((v) => log('callback A:', als.getStore(), 'value', v)));
als.run('then-B', () => promise.then((v) => log('callback B:', als.getStore(), 'value', v)));
promise.then(() => log('callback without run:', als.getStore()));

als.run('resolver', () => resolve(42));
log('sync end:', als.getStore());
