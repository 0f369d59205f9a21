// docs/semantics.md §4 and §2 (setTimeout, setImmediate): Node's timers/promises setTimeout
// and setImmediate, and util.promisify(setTimeout) (the same function), each make a PROMISE
// (triggered by the caller) and then a Timeout or Immediate; the timer's callback resolves the
// promise (its promiseResolve between the timer's before and after), and the promise's
// reactions run in the frame of their then() call.
const ctx = require('#ctx');
const timersPromises = require('node:timers/promises');
const { promisify } = require('node:util');
const { createTracer } = require('../_lib/tracer.cjs');
const { log } = require('../_lib/out.cjs');

const { AsyncLocalStorage, executionAsyncId } = ctx;
const als = new AsyncLocalStorage();
const tracer = createTracer(ctx).enable();
const where = (what, value) => log(what, value, 'in', als.getStore(), 'execution', tracer.label(executionAsyncId()));

als.run('timeout', () => {
  timersPromises.setTimeout(1, 'a').then((value) => {
    where('timers/promises setTimeout gave', value);
    als.run('promisified', () => {
      promisify(setTimeout)(1, 'b').then((promisified) => {
        where('promisify(setTimeout) gave', promisified);
        als.run('immediate', () => {
          timersPromises.setImmediate('c', { ref: true }).then((immediate) => where('timers/promises setImmediate gave', immediate));
        });
      });
    });
  });
});
