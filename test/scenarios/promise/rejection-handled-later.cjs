// Rejection tracking: a rejection handled only in a later task fires
// 'unhandledRejection' (in the rejection-time frame) and then 'rejectionHandled' when a
// handler is attached; the late handler runs in the frame of its own catch() call.
const { AsyncLocalStorage } = require('#ctx');
const { log } = require('../_lib/out.cjs');

const als = new AsyncLocalStorage();

process.on('unhandledRejection', (reason, promise) => {
  log('unhandledRejection', reason.message, 'in', als.getStore(), 'promise is the rejected one', promise === late);
  als.run('attacher', () => setTimeout(() => {
    als.run('late-catch', () => late.catch((e) => log('late catch got', e.message, 'in', als.getStore())));
  }, 1));
});
process.on('rejectionHandled', (promise) => log('rejectionHandled for the same promise', promise === late, 'in', als.getStore()));

const late = als.run('rejecting', () => Promise.reject(new Error('handled too late')));
// Handled within the same turn: no event at all.
als.run('on-time', () => Promise.reject(new Error('on time')).catch((e) => log('on-time catch got', e.message, 'in', als.getStore())));
