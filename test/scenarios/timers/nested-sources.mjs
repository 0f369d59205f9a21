// Each hop of a chain of different sources carries the frame along; a run() at one
// hop changes the frame only for what is scheduled inside it.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

als.run('root', () => {
  setTimeout(() => {
    log('timeout', als.getStore());
    setImmediate(() => {
      log('immediate', als.getStore());
      als.run('changed', () => process.nextTick(() => {
        log('tick', als.getStore());
        queueMicrotask(() => {
          log('microtask', als.getStore());
          Promise.resolve().then(() => log('promise', als.getStore()));
        });
      }));
      process.nextTick(() => log('sibling tick', als.getStore()));
    });
  }, 1);
});
