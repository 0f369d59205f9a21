// Seed (init's `resource` argument) and docs/semantics.md §4: the resource passed to init is the
// object the API returned (Timeout, Immediate, promise, AsyncResource); init runs in the
// creator's frame and before/after in the frame the callback gets.
const ctx = require('#ctx');
const { log } = require('../_lib/out.cjs');

const { AsyncLocalStorage, AsyncResource, createHook } = ctx;
const als = new AsyncLocalStorage();
const types = new Set(['Timeout', 'Immediate', 'PROMISE', 'Job']);
let lastResource;
const known = new Set();

// Started from a timer created before the hook, so the order of the sources is fixed
// and the starting timer itself is not reported.
setTimeout(main, 0);

createHook({
  init(id, type, trigger, resource) {
    if (!types.has(type)) return;
    known.add(id);
    lastResource = resource;
    log(`init ${type} in`, als.getStore());
  },
  before(id) { if (known.has(id)) log('before in', als.getStore()); },
  after(id) { if (known.has(id)) log('after in', als.getStore()); },
}).enable();

function main() {
  als.run('creator', () => {
    const timer = setTimeout(() => log('timeout callback in', als.getStore()), 25); // after the immediate
    log('  resource is the Timeout', lastResource === timer);
    const immediate = setImmediate(() => log('immediate callback in', als.getStore()));
    log('  resource is the Immediate', lastResource === immediate);
    const job = als.run('job-frame', () => new AsyncResource('Job'));
    log('  resource is the AsyncResource', lastResource === job);
    const promise = Promise.resolve();
    log('  resource is the promise', lastResource === promise);
    const derived = promise.then(() => log('then callback in', als.getStore()));
    log('  resource is the derived promise', lastResource === derived);
    als.run('caller', () => job.runInAsyncScope(() => log('job scope in', als.getStore())));
  });
}
