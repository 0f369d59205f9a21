// Seed example (asyncLocalStorage.exit(callback[, ...args])): per-request log ids, and a
// task run through exit() that carries no request id.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const asyncLocalStorage = new AsyncLocalStorage();
let nextId = 100;
const generateUniqueId = () => nextId++;

function onRequest(req, res) {
  const requestId = generateUniqueId();
  asyncLocalStorage.run(new Map(), () => {
    asyncLocalStorage.getStore().set('requestId', requestId);
    handleRequest(req, res);
  });
}

function logMessage(message) {
  const store = asyncLocalStorage.getStore();
  const requestId = store ? store.get('requestId') : null;
  log(`[${requestId}] ${message}`);
}

function handleRequest(req, res) {
  logMessage('start handling the request');
  setImmediate(() => {
    performUnrelatedTask();
    logMessage('request done');
  });
}

function performUnrelatedTask() {
  asyncLocalStorage.exit(() => {
    const store = asyncLocalStorage.getStore();
    const hasNoRequestId = store === undefined;
    log(`context without a request id: ${hasNoRequestId}`); // true
    setImmediate(() => logMessage('follow-up of the unrelated task'));
  });
}

onRequest({}, {});
onRequest({}, {});
