// waits-for: transform
// docs/semantics.md §2: `await thenable` calls thenable.then in the frame of the awaiting code;
// the continuation keeps the function's frame whatever frame the thenable resolves from.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

const ormQuery = {
  then(onFulfilled) {
    log('thenable.then called in', als.getStore());
    als.run('driver', () => setTimeout(() => onFulfilled('rows'), 1));
  },
};

async function handler() {
  const rows = await ormQuery;
  log('after await thenable got', rows, 'in', als.getStore());
}

als.run('request', () => handler());
