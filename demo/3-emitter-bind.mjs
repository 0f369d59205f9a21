// EventEmitter listeners run in the context of whoever emits the event, not of whoever
// registered them. AsyncResource.bind ties a listener to the context it was created in.
import { EventEmitter } from 'node:events';
import { createServer, get } from 'node:http';
import { AsyncLocalStorage, AsyncResource } from '#ctx';

const requestId = new AsyncLocalStorage();
const show = (label) => console.log(`${label.padEnd(24)} store "${requestId.getStore()}"`);

// A plain emitter: listeners registered in one request, event emitted from another.
const emitter = new EventEmitter();
requestId.run('request 1', () => {
  emitter.on('ping', AsyncResource.bind(() => show('ping, bound listener:')));
  emitter.on('ping', () => show('ping, unbound listener:'));
});
requestId.run('request 2', () => emitter.emit('ping'));

// The http example from Node's docs: 'close' is emitted by the runtime, with no store.
const server = createServer((req, res) => {
  requestId.run('request 3', () => {
    req.on('close', AsyncResource.bind(() => {
      // Execution context is bound to the current outer scope.
      show('close, bound listener:');
    }));
    req.on('close', () => {
      // Execution context is bound to the scope that caused 'close' to emit.
      show('close, unbound listener:');
    });
    res.end();
  });
});

server.listen(0, '127.0.0.1', () => {
  get(`http://127.0.0.1:${server.address().port}/`, (res) => {
    res.resume();
    res.on('end', () => server.close());
  });
});
