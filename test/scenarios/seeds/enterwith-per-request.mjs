// Seed example (asyncLocalStorage.enterWith(store) with an HTTP server): each request
// handler calls enterWith({ requestId }) and a later timer sees it. Requests arrive as
// separate callbacks (immediates standing for socket events the portable engine cannot
// see), so one request's enterWith cannot reach another. The timers share one delay, so they
// fire in the order of the requests however slowly the runtime runs the immediates.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const asyncLocalStorage = new AsyncLocalStorage();
let n = 0;

function handler(req, res) {
  const requestId = `req-${++n}`;
  asyncLocalStorage.enterWith({ requestId });
  setTimeout(() => {
    const store = asyncLocalStorage.getStore();
    log(`In setTimeout - RequestId: ${store.requestId}`);
    res.end(`Your request ID is: ${store.requestId}`);
  }, 50);
}

const res = { end: (text) => log(text) };
for (let i = 0; i < 3; i += 1) setImmediate(() => handler({}, res));
setImmediate(() => log('a later event sees', asyncLocalStorage.getStore()));
log('Server running on port 8080');
