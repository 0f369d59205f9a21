// docs/semantics.md §4: emitDestroy() returns the resource and fires destroy hooks (after the
// resource's last callback); requireManualDestroy does not change that.
const ctx = require('#ctx');
const { createTracer } = require('../_lib/tracer.cjs');
const { log } = require('../_lib/out.cjs');

const { AsyncResource } = ctx;
const tracer = createTracer(ctx).enable();

const plain = new AsyncResource('Plain');
const manual = new AsyncResource('Manual', { requireManualDestroy: true });
const never = new AsyncResource('NeverDestroyed');

plain.runInAsyncScope(() => log('in plain'));
log('emitDestroy returns the resource', plain.emitDestroy() === plain);
manual.runInAsyncScope(() => {
  setTimeout(() => {
    manual.runInAsyncScope(() => log('in manual, again'));
    manual.emitDestroy();
  }, 1);
});
never.runInAsyncScope(() => log('in never-destroyed'));
