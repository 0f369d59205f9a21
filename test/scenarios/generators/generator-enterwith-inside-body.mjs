// A generator body shares the caller's synchronous execution: an enterWith inside the
// body is visible to the caller after next() returns, and the next resumption sees the
// frame of its own caller again.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

function* body() {
  als.enterWith('entered-in-body');
  yield;
  log('resumed in', als.getStore());
}

const gen = body();
als.run('caller', () => {
  gen.next();
  log('caller after next() sees', als.getStore());
});
als.run('second-caller', () => gen.next());
log('top level sees', als.getStore());
