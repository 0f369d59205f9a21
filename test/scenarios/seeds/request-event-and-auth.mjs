// Seed examples (async_context introduction: "logging" and "user authentication"):
// server.on('request') opens a run() per request; a file read (fs.readFile in the
// original, a timer here: the portable engine cannot see native I/O) still sees the
// request id; a run() opened inside authenticateUser(req).then(...) covers the rest.
import { AsyncLocalStorage } from '#ctx';
import { EventEmitter } from 'node:events';
import { log } from '../_lib/out.cjs';

const asyncLocalStorage = new AsyncLocalStorage();
const server = new EventEmitter();
let nextId = 1;
const generateUniqueId = () => `id-${nextId++}`;
const readFile = (path, cb) => setTimeout(() => cb(null, `<contents of ${path}>`), 2);

server.on('request', (req, res) => {
  asyncLocalStorage.run(new Map(), () => {
    asyncLocalStorage.getStore().set('requestId', generateUniqueId());
    handleRequest(req, res);
  });
});

function handleRequest(req, res) {
  const requestId = asyncLocalStorage.getStore().get('requestId');
  log(`Starting request ${requestId}`);
  readFile('/path/to/file', (err, data) => {
    if (err) throw err;
    const requestId = asyncLocalStorage.getStore().get('requestId');
    log(`Finished request ${requestId}`);
    res.end(data);
  });
}

const authenticateUser = (req) => new Promise((resolve) => setImmediate(resolve, { name: req.user }));
const authServer = new EventEmitter();
authServer.on('request', (req, res) => {
  authenticateUser(req).then((user) => {
    asyncLocalStorage.run(new Map(), () => {
      asyncLocalStorage.getStore().set('user', user);
      processRequest(req, res);
    });
  });
});

function processRequest(req, res) {
  const user = asyncLocalStorage.getStore().get('user');
  log(`Processing request for user ${user.name}`);
  setImmediate(() => res.end(`done for ${asyncLocalStorage.getStore().get('user').name}`));
}

const res = { end: (data) => log('response:', data) };
server.emit('request', {}, res);
server.emit('request', {}, res);
setTimeout(() => {
  authServer.emit('request', { user: 'alice' }, res);
  authServer.emit('request', { user: 'bob' }, res);
}, 10);
