// A listener that throws propagates out of emit() unchanged; the emitter's frame is
// intact afterwards and an 'error' listener runs in the frame of emit('error').
import { AsyncLocalStorage } from '#ctx';
import { EventEmitter } from 'node:events';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const emitter = new EventEmitter();

emitter.on('work', () => { als.enterWith('entered-in-listener'); throw new Error('listener failed'); });
emitter.on('error', (e) => log('error listener', e.message, 'in', als.getStore()));

als.run('emitting', () => {
  try {
    emitter.emit('work');
  } catch (e) {
    log('caught', e.message, 'store now', als.getStore());
  }
  emitter.emit('error', new Error('reported'));
});
log('outside', als.getStore());
