// Seed examples (AsyncResource.bind(fn[, type[, thisArg]]) and asyncResource.bind(fn
// [, thisArg])): callbacks handed to a file read are bound so they run in the scope of
// the code that asked. fs.readFile is replaced by a shared timer-driven reader whose own
// context would otherwise leak (the portable engine cannot see native I/O).
import { AsyncLocalStorage, AsyncResource } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

const readFile = als.run('reader-internal', () => {
  const queue = [];
  setTimeout(() => { for (const [path, cb] of queue) cb(null, `<${path}>`); }, 2);
  return (path, cb) => queue.push([path, cb]);
});

// Static bind, with a type and a thisArg.
const userContext = { userId: 'abc123' };
function logUserData(callback) {
  readFile('/path/to/user/data.txt', AsyncResource.bind(function (err, data) {
    if (err) throw err;
    log('User Data for:', this.userId, 'store', als.getStore());
    callback(data);
  }, 'RequestHandler', userContext));
}
als.run('request-1', () => logUserData((data) => log('responded with', data, 'store', als.getStore())));

// Instance bind on a DATABASE_QUERY resource.
function databaseQueryCallback(err, data) {
  log('query callback got', data, 'store', als.getStore());
}
als.run('request-2', () => {
  const asyncResource = new AsyncResource('DATABASE_QUERY');
  const boundCallback = asyncResource.bind(databaseQueryCallback);
  readFile('data.txt', boundCallback);
});
readFile('unbound.txt', (err, data) => log('unbound callback got', data, 'store', als.getStore()));
