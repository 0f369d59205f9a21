// Seed example (asyncLocalStorage.enterWith): an enterWith inside one listener is seen by
// the following listeners and, after emit() returns, by the emitting code itself.
import { AsyncLocalStorage } from '#ctx';
import { EventEmitter } from 'node:events';
import { log } from '../_lib/out.cjs';

const asyncLocalStorage = new AsyncLocalStorage();
const emitter = new EventEmitter();
const store = { id: 1 };

emitter.on('my-event', () => {
  asyncLocalStorage.enterWith(store);
});
emitter.on('my-event', () => {
  log('second listener:', asyncLocalStorage.getStore()); // Returns the same object
});

log('before emit:', asyncLocalStorage.getStore()); // Returns undefined
emitter.emit('my-event');
log('after emit:', asyncLocalStorage.getStore() === store); // Returns the same object
