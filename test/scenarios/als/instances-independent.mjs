// docs/semantics.md §3 and the seed's logger example (HTTP requests replaced by timers, since
// the portable engine cannot see sockets): several instances never interfere, and
// concurrent flows keep their own ids.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const asyncLocalStorage = new AsyncLocalStorage();

function logWithId(msg) {
  const id = asyncLocalStorage.getStore();
  log(`${id !== undefined ? id : '-'}:`, msg);
}

let idSeq = 0;
function handleRequest() {
  asyncLocalStorage.run(idSeq++, () => {
    logWithId('start');
    // Imagine any chain of async operations here
    setImmediate(() => {
      logWithId('finish');
    });
  });
}
handleRequest();
handleRequest();
// Prints:
//   0: start
//   1: start
//   0: finish
//   1: finish

const first = new AsyncLocalStorage();
const second = new AsyncLocalStorage();
first.run('one', () => {
  second.run('two', () => first.run('one-inner', () => log('inner:', first.getStore(), second.getStore())));
  log('after:', first.getStore(), second.getStore());
  second.enterWith('two-entered');
  first.exit(() => log('first exited:', first.getStore(), second.getStore()));
});
