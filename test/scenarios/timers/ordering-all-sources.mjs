// docs/semantics.md §6.2 (no extra ticks): instrumented sources run in exactly the order of an
// untouched program, each with its own scheduling frame.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

setTimeout(() => {
  als.run('timeout', () => setTimeout(() => log('timeout', als.getStore()), 0));
  als.run('immediate', () => setImmediate(() => log('immediate', als.getStore())));
  als.run('promise', () => Promise.resolve().then(() => {
    log('promise-1', als.getStore());
    process.nextTick(() => log('tick from promise', als.getStore()));
    queueMicrotask(() => log('microtask from promise', als.getStore()));
  }).then(() => log('promise-2', als.getStore())));
  als.run('tick', () => process.nextTick(() => {
    log('tick', als.getStore());
    Promise.resolve().then(() => log('promise from tick', als.getStore()));
  }));
  als.run('microtask', () => queueMicrotask(() => log('microtask', als.getStore())));
  log('sync', als.getStore());
}, 1);
