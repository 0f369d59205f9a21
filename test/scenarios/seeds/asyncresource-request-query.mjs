// Seed example (Class: AsyncResource, web server): an AsyncResource made per request
// brings the database callback back into the request's scope. The server is driven by
// timers and the database is a timer whose callback runs in the pool's own context (the
// portable engine cannot see sockets).
import { AsyncLocalStorage, AsyncResource } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

// The "pool" was created in its own context and calls back from there.
const queryDatabase = als.run('pool-context', () => {
  const pending = [];
  setTimeout(() => { for (const cb of pending) cb(); }, 5);
  return (callback) => pending.push(callback);
});

function onRequest(req, res) {
  als.run(req.url, () => {
    const asyncResource = new AsyncResource('REQUEST');
    queryDatabase(() => {
      log('raw database callback runs in', als.getStore());
      asyncResource.runInAsyncScope(() => {
        res.end(`Query result for ${als.getStore()}`);
      });
    });
  });
}

const res = { end: (text) => log(text) };
onRequest({ url: '/a' }, res);
onRequest({ url: '/b' }, res);
