// docs/semantics.md §5 with §2: Variable values follow the same capture rules as
// AsyncLocalStorage for promises, thenables, timers, ticks, immediates and emitters.
import { AsyncContext } from '#ctx';
import { EventEmitter } from 'node:events';
import { log } from '../_lib/out.cjs';

const v = new AsyncContext.Variable({ defaultValue: 'none' });
const emitter = new EventEmitter();

// Started from a timer callback, so the order of the sources is fixed.
setTimeout(() => {
  v.run('listener-registration', () => emitter.on('e', () => log('listener', v.get())));

  let resolve;
  const p = v.run('creation', () => new Promise((r) => { resolve = r; }));
  v.run('then-call', () => p.then(() => log('then', v.get())));
  v.run('resolve-call', () => resolve({ then(ok) { log('thenable.then', v.get()); ok(); } }));
  v.run('timeout', () => setTimeout(() => log('timeout', v.get()), 1));
  v.run('immediate', () => setImmediate(() => log('immediate', v.get())));
  v.run('tick', () => process.nextTick(() => log('tick', v.get())));
  v.run('emit', () => emitter.emit('e'));
}, 0);
