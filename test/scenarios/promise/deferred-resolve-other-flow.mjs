// docs/semantics.md §6.1 (no leak): a promise resolved from another logical flow (a shared
// cache, a pool) does not hand that flow's frame to the waiting callbacks.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const waiting = [];

function request(user) {
  als.run(user, () => {
    const ready = new Promise((resolve) => waiting.push(resolve));
    ready.then((v) => log(`${user} got ${v} with store`, als.getStore()));
  });
}

request('alice');
request('bob');
// Another flow resolves everybody.
als.run('resolver-flow', () => setTimeout(() => {
  for (const resolve of waiting) resolve('data');
  log('resolver still sees', als.getStore());
}, 1));
