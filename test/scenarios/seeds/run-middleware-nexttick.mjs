// Seed example (asyncLocalStorage.run(store, callback[, ...args])): middleware runs the
// request in a new Map store; a nextTick deep inside still prints that request's Map.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const asyncLocalStorage = new AsyncLocalStorage();

function printCurrentRequest() {
  const store = asyncLocalStorage.getStore();
  log(store); // Map { 'requestId' => '...some id...' }
}

function middleware(req, res) {
  const uniqueId = req.id;
  asyncLocalStorage.run(new Map(), () => {
    asyncLocalStorage.getStore().set('requestId', uniqueId);
    handleRequest(req, res);
  });
}

function handleRequest(req, res) {
  process.nextTick(() => {
    printCurrentRequest();
  });
}

middleware({ id: 'a-1' }, {});
middleware({ id: 'b-2' }, {});
