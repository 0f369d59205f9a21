// Seed examples (Troubleshooting: context loss): a trace id logged before and after a
// timer, and a user kept through a nextTick-based callback API.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const asyncLocalStorage = new AsyncLocalStorage();

function logWithTraceId(message) {
  const traceId = asyncLocalStorage.getStore();
  log(`[${traceId}] ${message}`);
}

asyncLocalStorage.run('12345', () => {
  logWithTraceId('start handling the request');
  setTimeout(() => {
    logWithTraceId('async work done'); // still '12345'
  }, 100);
});

function handleRequest(request, response) {
  const user = authenticateUser(request);
  asyncLocalStorage.run(user, () => {
    doSomeAsyncWork(() => {
      const userInAsync = asyncLocalStorage.getStore();
      response.end(`Hello, ${userInAsync.name}!`);
    });
  });
}

function doSomeAsyncWork(callback) {
  process.nextTick(callback);
}

function authenticateUser(request) {
  return { name: request.name };
}

handleRequest({ name: 'Alice' }, { end: (msg) => log(msg) });
handleRequest({ name: 'Bob' }, { end: (msg) => log(msg) });
