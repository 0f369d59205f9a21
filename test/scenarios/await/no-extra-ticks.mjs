// waits-for: transform
// docs/semantics.md §6.2: transformed awaits resume in exactly the microtask turn the untouched
// program would, interleaved with then() chains and ticks the same way.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const order = [];

async function a() { order.push('a0'); await null; order.push('a1'); await null; order.push('a2'); }
async function b() { order.push('b0'); await Promise.resolve(); order.push('b1'); await new Promise((r) => r()); order.push('b2'); }
async function c() { order.push('c0'); return 'c'; }

als.run('s', () => {
  a();
  Promise.resolve().then(() => order.push('t1')).then(() => order.push('t2')).then(() => order.push('t3'));
  b();
  c().then(() => order.push('c-then'));
  queueMicrotask(() => order.push('q'));
});
setTimeout(() => log(order.join(' ')), 1);
