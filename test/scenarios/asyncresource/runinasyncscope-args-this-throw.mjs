// runInAsyncScope(fn, thisArg, ...args): `this` and arguments pass through, the result
// is returned, and a throw propagates unchanged with the caller's frame and execution id
// restored.
import { AsyncLocalStorage, AsyncResource, executionAsyncId } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const resource = als.run('resource', () => new AsyncResource('Job'));

log('result', resource.runInAsyncScope(function (a, b) { return [this.tag, a, b, als.getStore()]; }, { tag: 'self' }, 1, 2));

als.run('caller', () => {
  const eidBefore = executionAsyncId();
  const error = new Error('inside scope');
  try {
    resource.runInAsyncScope(() => { throw error; });
  } catch (e) {
    log('same error', e === error, 'store', als.getStore(), 'execution id restored', executionAsyncId() === eidBefore);
  }
});
