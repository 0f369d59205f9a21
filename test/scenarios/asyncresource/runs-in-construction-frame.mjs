// docs/semantics.md §2: runInAsyncScope and bound functions run in the frame current when the
// AsyncResource was constructed, then put the caller's frame back.
import { AsyncLocalStorage, AsyncResource } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const resource = als.run('construction', () => new AsyncResource('Job'));
const boundLater = als.run('bind-call', () => resource.bind(() => als.getStore()));

als.run('caller', () => {
  log('runInAsyncScope sees', resource.runInAsyncScope(() => als.getStore()));
  log('bound (bound in another frame) sees', boundLater());
  log('caller sees afterwards', als.getStore());
  resource.runInAsyncScope(() => {
    als.enterWith('entered-inside-scope');
    setTimeout(() => log('timer scheduled inside the scope sees', als.getStore()), 1);
  });
  log('caller after an enterWith inside the scope sees', als.getStore());
});
