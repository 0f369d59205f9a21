// The worker of the carryContext scenario: its global scope carries the 'request' storage
// both ways. A message's listener runs with the page's value; the reply carries it back,
// changed by the worker.
import { AsyncLocalStorage, carryContext } from 'anyctx/portable';

const request = new AsyncLocalStorage({ name: 'request' });
carryContext(self, [request]);
self.addEventListener('message', (event) => {
  const seen = request.getStore() ?? '<empty>';
  request.run(`${seen}+worker`, () => postMessage(`${event.data}:${seen}`));
});
