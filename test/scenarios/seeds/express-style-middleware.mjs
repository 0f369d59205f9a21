// Seed examples (async_context overview: "tracking user requests", "logging",
// "new AsyncLocalStorage" example 1): an Express-style middleware opens a run() per
// request and later handlers read the store. Express and the HTTP server are replaced by
// a tiny middleware chain driven by setImmediate, since the portable engine cannot see
// sockets.
import { AsyncLocalStorage } from '#ctx';
import { log as print } from '../_lib/out.cjs';

const asyncLocalStorage = new AsyncLocalStorage();

// Minimal stand-in for express(): app.use / app.get, one "request" per setImmediate.
const middlewares = [];
const app = {
  use(fn) { middlewares.push(fn); },
  get(_path, fn) { middlewares.push(fn); },
  handle(req, res) {
    let i = 0;
    const next = () => { const fn = middlewares[i++]; if (fn) fn(req, res, next); };
    next();
  },
};

function log(message) {
  const store = asyncLocalStorage.getStore();
  const requestId = store.get('requestId');
  print(`${requestId}: ${message}`);
}

app.use((req, res, next) => {
  // A new context per request
  asyncLocalStorage.run(new Map(), () => {
    const store = asyncLocalStorage.getStore();
    store.set('user', req.user);
    store.set('requestId', req.id);
    log('Request started');
    next();
  });
});

app.get('/', (req, res) => {
  // Even inside asynchronous code the request's data is there
  setImmediate(() => {
    const store = asyncLocalStorage.getStore();
    const user = store.get('user');
    log(`Handling request for ${user.name}`);
    res.send(`Hello, ${user.name}`);
  });
});

const res = { send: (text) => print('sent:', text, '| store after send:', asyncLocalStorage.getStore().get('requestId')) };
setImmediate(() => app.handle({ id: 'req-1', user: { name: 'alice' } }, res));
setImmediate(() => app.handle({ id: 'req-2', user: { name: 'bob' } }, res));
