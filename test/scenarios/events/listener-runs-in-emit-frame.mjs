// docs/semantics.md §2: EventEmitter listeners run in the frame of the code that emits;
// registering a listener captures nothing.
import { AsyncLocalStorage } from '#ctx';
import { EventEmitter } from 'node:events';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const emitter = new EventEmitter();

als.run('registered-with-on', () => emitter.on('data', (x) => log('on listener', x, 'in', als.getStore())));
als.run('registered-with-prepend', () => emitter.prependListener('data', (x) => log('prepended listener', x, 'in', als.getStore())));

als.run('emitter-A', () => emitter.emit('data', 1));
emitter.emit('data', 2);
als.run('emitter-B', () => setTimeout(() => emitter.emit('data', 3), 1));
