// The request-id logger from Node's AsyncLocalStorage docs: each incoming request gets an
// id, and every line logged while handling it carries that id, across async hops.
import http from 'node:http';
import { AsyncLocalStorage } from '#ctx';

const asyncLocalStorage = new AsyncLocalStorage();

function logWithId(msg) {
  const id = asyncLocalStorage.getStore();
  console.log(`${id !== undefined ? id : '-'}:`, msg);
}

let idSeq = 0;
const server = http.createServer((req, res) => {
  asyncLocalStorage.run(idSeq++, () => {
    logWithId('start');
    // Imagine any chain of async operations here.
    setImmediate(() => {
      logWithId('after setImmediate');
      Promise.resolve().then(() => {
        logWithId('finish');
        res.end();
      });
    });
  });
});

// Port 0: any free port. The demo is its own client, with a few concurrent requests.
const requests = 3;
server.listen(0, '127.0.0.1', () => {
  let answered = 0;
  for (let i = 0; i < requests; i++) {
    http.get(`http://127.0.0.1:${server.address().port}/`, (res) => {
      res.resume();
      res.on('end', () => {
        if (++answered === requests) server.close();
      });
    });
  }
});
