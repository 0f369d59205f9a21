// docs/semantics.md §4: instance and static bind keep the function's length, honour thisArg
// (or the call's receiver when none is given), expose the resource as `asyncResource`,
// and run in the resource's frame.
import { AsyncLocalStorage, AsyncResource } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
function describe(a, b, c) {
  return `this=${this?.tag ?? typeof this} args=${[a, b, c].join(',')} store=${als.getStore()}`;
}
const receiver = { tag: 'receiver' };

const resource = als.run('instance', () => new AsyncResource('Job'));
const bound = resource.bind(describe);
const boundWithThis = resource.bind(describe, { tag: 'thisArg' });
log('instance bind: length', bound.length, 'asyncResource is the resource', bound.asyncResource === resource);
log('  called as a method:', bound.call(receiver, 1, 2, 3));
log('  with thisArg, called as a method:', boundWithThis.call(receiver, 4));

const staticBound = als.run('static', () => AsyncResource.bind(describe));
const staticWithThis = als.run('static', () => AsyncResource.bind(describe, 'Typed', { tag: 'static-thisArg' }));
log('static bind: length', staticBound.length, 'asyncResource is an AsyncResource', staticBound.asyncResource instanceof AsyncResource);
log('  called as a method:', staticBound.call(receiver, 5));
log('  with type and thisArg:', staticWithThis.call(receiver, 6));
log('  arrow function length', AsyncResource.bind((x, y) => x + y).length, 'rest length', AsyncResource.bind((...r) => r).length);
