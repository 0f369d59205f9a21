// The Promise executor is ordinary synchronous code: it sees the caller's frame, and
// an enterWith inside it stays in force for the rest of the caller's synchronous run.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

als.run('caller', () => {
  new Promise((resolve) => {
    log('executor sees', als.getStore());
    als.enterWith('entered-in-executor');
    resolve();
  });
  log('caller after executor sees', als.getStore());
});
log('outside run', als.getStore());
