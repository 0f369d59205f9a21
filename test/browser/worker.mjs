// The worker: the portable engine in a dedicated worker's global, with the sources a worker
// has (timers, promises, await, FileReader, unhandledrejection on the worker's global).
import { AsyncLocalStorage } from 'anyctx/portable';

const als = new AsyncLocalStorage();
const seen = () => als.getStore() ?? '<empty>';
const log = [];

const timer = als.run('timeout', () => new Promise((resolve) => setTimeout(() => resolve(`timeout:${seen()}`), 1)));
const awaited = als.run('await', async () => { await null; await timer; return `await:${seen()}`; });
const read = als.run('read', () => new Promise((resolve) => {
  const reader = new FileReader();
  reader.onload = () => resolve(`read:${seen()}`);
  reader.readAsText(new Blob(['x']));
}));
const rejection = new Promise((resolve) => {
  self.addEventListener('unhandledrejection', (event) => { event.preventDefault(); resolve(`unhandledrejection:${seen()}`); });
  als.run('reject', () => Promise.reject(new Error('unhandled')));
});
Promise.all([timer, awaited, read, rejection]).then((parts) => {
  log.push(...parts);
  postMessage(log.join(' '));
});
