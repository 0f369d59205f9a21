// docs/semantics.md §2: a sync generator body runs in the frame of whoever calls next(), not
// the frame in which the generator object was created.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

function* steps() {
  log('body start in', als.getStore());
  const sent = yield 1;
  log('after first yield, got', sent, 'in', als.getStore());
  try {
    yield 2;
  } finally {
    log('finally in', als.getStore());
  }
}

const gen = als.run('created', () => steps());
log('next ->', als.run('caller-1', () => gen.next()));
log('next ->', als.run('caller-2', () => gen.next('sent')));
log('return ->', als.run('caller-3', () => gen.return('done')));

// for..of drives the generator from the loop's frame.
function* three() { for (const n of [1, 2, 3]) { yield `${n}:${als.getStore()}`; } }
const iterator = als.run('created', () => three());
als.run('loop', () => { for (const v of iterator) log('for-of got', v); });
