// Promise.all/allSettled/race/any: the combinator's own then() calls happen in the
// caller's frame (so a thenable element's then runs there), and a then() on the
// result runs in the frame of that then() call.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const thenable = (tag) => ({ then(ok) { log(`${tag}.then in`, als.getStore()); ok(tag); } });
const later = (value) => new Promise((resolve) => setTimeout(resolve, 1, value));

const all = als.run('all-call', () => Promise.all([thenable('all-el'), later('x'), 3]));
als.run('all-then', () => all.then((v) => log('all ->', v, 'in', als.getStore())));

const settled = als.run('settled-call', () => Promise.allSettled([thenable('settled-el'), Promise.reject(new Error('e'))]));
als.run('settled-then', () => settled.then((v) => log('allSettled ->', v.map((r) => r.status), 'in', als.getStore())));

const race = als.run('race-call', () => Promise.race([later('slow'), thenable('race-el')]));
als.run('race-then', () => race.then((v) => log('race ->', v, 'in', als.getStore())));

const any = als.run('any-call', () => Promise.any([Promise.reject(new Error('a')), thenable('any-el')]));
als.run('any-then', () => any.then((v) => log('any ->', v, 'in', als.getStore())));
