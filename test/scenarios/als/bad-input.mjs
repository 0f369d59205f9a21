// docs/semantics.md §6.4: bad input gets the error Node gives (type and code).
import { AsyncLocalStorage } from '#ctx';
import { log, attempt } from '../_lib/out.cjs';


const als = new AsyncLocalStorage();
attempt('new AsyncLocalStorage(5)', () => new AsyncLocalStorage(5));
attempt('new AsyncLocalStorage(null)', () => new AsyncLocalStorage(null));
attempt('run(store, not a function)', () => als.run('s', 42));
attempt('exit(not a function)', () => als.exit(null));
attempt('AsyncLocalStorage.bind(not a function)', () => AsyncLocalStorage.bind('nope'));
attempt('snapshot()(not a function)', () => AsyncLocalStorage.snapshot()(7));
log('store after failed run:', als.getStore());
