// waits-for: transform
// Top-level await in a module: the module's frame (here set with enterWith) is kept
// across top-level awaits.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
als.enterWith('module');
await new Promise((r) => setTimeout(r, 1));
log('after top-level await', als.getStore());
await als.run('inner', async () => {
  await null;
  log('inside async run callback', als.getStore());
});
log('after awaiting the run', als.getStore());
