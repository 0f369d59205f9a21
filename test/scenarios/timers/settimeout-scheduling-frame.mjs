// docs/semantics.md §2: a setTimeout callback runs with the frame current at scheduling, and the
// caller's frame is back in place once the callback returns.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const other = new AsyncLocalStorage();

other.enterWith('outer-other');
als.run('A', () => setTimeout(() => log('timer A:', als.getStore(), other.getStore()), 1));
als.run('B', () => other.run('B-other', () => setTimeout(() => log('timer B:', als.getStore(), other.getStore()), 1)));
setTimeout(() => log('timer without run:', als.getStore(), other.getStore()), 1);
log('sync end:', als.getStore(), other.getStore());
