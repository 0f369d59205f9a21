// waits-for: transform
// docs/semantics.md §3: an enterWith in the synchronous part of an async function is visible to
// the caller after the call returns; one after an await is not.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

async function enterBeforeAwait() {
  als.enterWith('entered-before-await');
  await null;
  log('inside after await', als.getStore());
}

async function enterAfterAwait() {
  await null;
  als.enterWith('entered-after-await');
  log('inside after enterWith', als.getStore());
}

als.run('caller-1', () => {
  const p = enterBeforeAwait();
  log('caller after call (sync part entered)', als.getStore());
  p.then(() => log('caller then', als.getStore()));
});
als.run('caller-2', () => {
  const p = enterAfterAwait();
  log('caller after call', als.getStore());
  p.then(() => log('caller then after the late enterWith', als.getStore()));
});
