// Thenables that reject or throw: the rejection reaches the right handlers, and the
// handlers run in the frame of their own attachment (values untouched).
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

const rejecting = { then(_ok, fail) { log('rejecting.then in', als.getStore()); fail(new Error('rejected by thenable')); } };
const throwing = { then() { log('throwing.then in', als.getStore()); throw new Error('thrown by thenable'); } };
const sneaky = { then(ok) { ok('first'); throw new Error('ignored after resolve'); } };

als.run('r', () => Promise.resolve(rejecting)).catch((e) => log('caught', e.message, 'in', als.getStore()));
als.run('t', () => Promise.resolve(throwing)).then(null, (e) => log('caught', e.message, 'in', als.getStore()));
als.run('s', () => Promise.resolve(sneaky)).then((v) => log('sneaky fulfilled with', v, 'in', als.getStore()));
