// docs/semantics.md §2: an 'unhandledRejection' handler runs in the frame that was current when
// the promise was rejected (not when it was created, not when the handler was added).
// CommonJS, so no module-loader promise is involved.
const { AsyncLocalStorage } = require('#ctx');
const { log } = require('../_lib/out.cjs');

const als = new AsyncLocalStorage();

als.run('handler-registration', () => {
  process.on('unhandledRejection', (reason) => log('unhandledRejection', reason.message, 'handler in', als.getStore()));
});

// Rejected synchronously where it is created.
als.run('sync-reject', () => Promise.reject(new Error('first')));

// Created in one flow, rejected later from another.
let reject;
als.run('creator', () => new Promise((_, r) => { reject = r; }));
als.run('timer-flow', () => setTimeout(() => als.run('rejecting-flow', () => reject(new Error('second'))), 1));

// Rejected by a throwing then() callback: rejected in the callback's frame.
als.run('then-site', () => Promise.resolve().then(() => { throw new Error('third'); }));
