// docs/semantics.md §2: in a chain every link's callback runs in the frame of its own then()
// call; a run() or enterWith() inside one callback does not reach the next link.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

als.run('chain', () => {
  Promise.resolve(1)
    .then((v) => { log('link 1', v, als.getStore()); als.enterWith('entered-in-link-1'); return v + 1; })
    .then((v) => { log('link 2', v, als.getStore()); return als.run('inner-run', () => v + 1); })
    .then((v) => log('link 3', v, als.getStore()));
});

// A chain whose later links are attached from another frame.
const head = als.run('head', () => Promise.resolve('h').then((v) => { log('head link', als.getStore()); return v; }));
als.run('tail', () => head.then(() => log('tail link', als.getStore())));
