// 'uncaughtExceptionMonitor' listeners and the callback of
// process.setUncaughtExceptionCaptureCallback run in the frame of the throw, like
// 'uncaughtException' listeners (Node runs them where the exception is reported, inside the
// callback that threw).
const { AsyncLocalStorage } = require('#ctx');
const { log } = require('../_lib/out.cjs');

const als = new AsyncLocalStorage();
process.on('uncaughtExceptionMonitor', (error, origin) => log('monitor', error.message, origin, 'store', als.getStore()));
process.on('uncaughtException', (error) => {
  log('uncaughtException', error.message, 'store', als.getStore());
  if (error.message === 'timeout') {
    let captured = 0;
    process.setUncaughtExceptionCaptureCallback((captureError) => {
      log('capture', captureError.message, 'store', als.getStore());
      if (++captured === 2) process.setUncaughtExceptionCaptureCallback(null);
    });
    als.run('second timeout', () => setTimeout(() => { throw new Error('captured timeout'); }, 1));
    als.run('second immediate', () => setImmediate(() => { throw new Error('captured immediate'); }));
  }
});

setTimeout(() => {
  als.run('timeout', () => setTimeout(() => { throw new Error('timeout'); }, 1));
}, 1);
