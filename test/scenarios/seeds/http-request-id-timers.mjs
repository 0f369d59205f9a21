// Seed examples (Class AsyncLocalStorage "tracking HTTP requests", getStore() example 1,
// new AsyncResource(type, options) example): per-request run(); setImmediate and
// setTimeout callbacks see the request's id. The HTTP server is a function called for
// each "connection" from one timer callback (the portable engine cannot see sockets);
// Math.random() ids are replaced by a counter so the output is stable.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const asyncLocalStorage = new AsyncLocalStorage();
let counter = 0;

function onRequest(req, res) {
  asyncLocalStorage.run(new Map(), () => {
    asyncLocalStorage.getStore().set('requestId', ++counter);
    asyncLocalStorage.getStore().set('url', req.url);
    setImmediate(() => {
      log('In setImmediate:', asyncLocalStorage.getStore().get('requestId'), asyncLocalStorage.getStore().get('url'));
    });
    setTimeout(() => {
      log('In setTimeout:', asyncLocalStorage.getStore().get('requestId'));
    }, 100);
    res.end(`Your request ID is: ${asyncLocalStorage.getStore().get('requestId')}`);
  });
}

const res = { end: (text) => log('response:', text) };
setTimeout(() => {
  onRequest({ url: '/first' }, res);
  onRequest({ url: '/second' }, res);
}, 1);
