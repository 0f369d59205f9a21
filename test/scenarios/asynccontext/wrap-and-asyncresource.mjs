// Snapshot.wrap, AsyncLocalStorage.bind and AsyncResource all capture the same frame:
// a wrapped function and a bound one made at the same point see the same values of
// both APIs.
import { AsyncContext, AsyncLocalStorage, AsyncResource } from '#ctx';
import { log } from '../_lib/out.cjs';

const v = new AsyncContext.Variable();
const als = new AsyncLocalStorage();
const read = () => `${v.get()}/${als.getStore()}`;

const [wrapped, bound, resource] = v.run('v', () => als.run('s', () => [
  AsyncContext.Snapshot.wrap(read),
  AsyncLocalStorage.bind(read),
  new AsyncResource('Capture'),
]));

v.run('other', () => als.run('other', () => {
  log('Snapshot.wrap', wrapped());
  log('AsyncLocalStorage.bind', bound());
  log('AsyncResource', resource.runInAsyncScope(read));
}));
