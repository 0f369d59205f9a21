// Seed example (integrating AsyncResource with EventEmitter, adapted from an HTTP
// request's 'close' event to a plain emitter): a listener wrapped in AsyncResource.bind
// runs in the registration frame, an unwrapped one in the emitter's frame.
import { AsyncLocalStorage, AsyncResource } from '#ctx';
import { EventEmitter } from 'node:events';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const req = new EventEmitter();

als.run('request-scope', () => {
  req.on('close', AsyncResource.bind(() => {
    log('bound listener in', als.getStore()); // bound to the outer scope
  }));
  req.on('close', () => {
    log('plain listener in', als.getStore()); // the scope that caused 'close' to emit
  });
  req.on('close', AsyncLocalStorage.bind(() => log('AsyncLocalStorage.bind listener in', als.getStore())));
});
als.run('closing-scope', () => setImmediate(() => req.emit('close')));
