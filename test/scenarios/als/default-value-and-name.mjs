// docs/semantics.md §3: new AsyncLocalStorage({ defaultValue, name }): getStore() returns the
// defaultValue where no value was set (also in async work); name is readable.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage({ defaultValue: 'fallback', name: 'request-id' });
const plain = new AsyncLocalStorage();
const numberName = new AsyncLocalStorage({ name: 42 });

log('name:', als.name, '| unnamed:', JSON.stringify(plain.name), '| number name:', JSON.stringify(numberName.name));
log('top level:', als.getStore(), plain.getStore());
log('inside run:', als.run('set', () => als.getStore()));
log('after run:', als.getStore());
setTimeout(() => log('timer with nothing set:', als.getStore()), 1);
als.run('scheduled', () => setTimeout(() => log('timer scheduled in run:', als.getStore()), 1));
log('run(undefined):', als.run(undefined, () => als.getStore()));
log('falsy store kept:', als.run(0, () => als.getStore()), als.run(null, () => als.getStore()), als.run('', () => JSON.stringify(als.getStore())));
