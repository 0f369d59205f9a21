// A callback that throws: the 'uncaughtException' handler sees the frame current at
// the throw, and later callbacks still get their own frames (the frame is put back).
// Each stage schedules the next one before throwing, so the order is fixed.
const { AsyncLocalStorage } = require('#ctx');
const { log } = require('../_lib/out.cjs');

const als = new AsyncLocalStorage();
process.on('uncaughtException', (error) => log('uncaughtException', error.message, 'handler in', als.getStore()));

als.run('timer', () => setTimeout(() => {
  als.run('after-timer', () => setTimeout(() => {
    log('next timer in', als.getStore());
    als.run('immediate', () => setImmediate(() => {
      als.run('tick', () => setTimeout(() => {
        setTimeout(() => log('last timer in', als.getStore()), 1);
        process.nextTick(() => { throw new Error('from tick'); });
      }, 1));
      throw new Error('from immediate');
    }));
  }, 1));
  als.enterWith('entered-before-throw');
  throw new Error('from timer');
}, 1));
