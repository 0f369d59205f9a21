// docs/semantics.md §6.3: the instrumented globals keep their names and their usual results
// (timer objects with ref/unref/hasRef/refresh, numeric ids usable with clear*).
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
log('names', setTimeout.name, setInterval.name, setImmediate.name, clearTimeout.name, queueMicrotask.name, process.nextTick.name);

const timer = als.run('t', () => setTimeout(() => log('cleared by its numeric id, yet ran!'), 1));
log('timer has', ['ref', 'unref', 'hasRef', 'refresh', 'close'].filter((k) => typeof timer[k] === 'function').join(','));
log('hasRef', timer.hasRef(), 'unref returns the timer', timer.unref() === timer, 'hasRef after unref', timer.hasRef());
timer.ref();
clearTimeout(Number(timer));

const interval = setInterval(() => log('interval cleared by its numeric id, yet ran!'), 1);
clearInterval(+interval);

// An unref'd timer does not keep the process alive.
setTimeout(() => log('unref\'d timer ran!'), 50).unref();
const immediate = setImmediate(() => log('immediate ran, hasRef was', immediateHasRef));
const immediateHasRef = immediate.hasRef();
