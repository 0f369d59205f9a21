// once() listeners and removed listeners: a once listener runs a single time in the
// first emitter's frame; removeListener/off leave the remaining listeners unaffected.
import { AsyncLocalStorage } from '#ctx';
import { EventEmitter, once } from 'node:events';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const emitter = new EventEmitter();

als.run('reg', () => emitter.once('ping', (n) => log('once listener', n, 'in', als.getStore())));
const removed = () => log('removed listener ran!');
emitter.on('ping', removed);
emitter.on('ping', (n) => log('steady listener', n, 'in', als.getStore()));
emitter.off('ping', removed);

als.run('first-emit', () => emitter.emit('ping', 1));
als.run('second-emit', () => emitter.emit('ping', 2));

// events.once() returns a promise; its continuation is a then() callback.
const pending = als.run('waiter', () => once(emitter, 'ready'));
als.run('then-site', () => pending.then(([v]) => log('events.once resolved with', v, 'then in', als.getStore())));
als.run('ready-emit', () => emitter.emit('ready', 'R'));
log('listener count after once', emitter.listenerCount('ping'));
