// waits-for: transform
// `await` inside try/catch/finally: a rejected await lands in catch with the function's
// frame; finally blocks and awaits inside them keep it too.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const fail = (msg) => new Promise((_, reject) => setTimeout(() => als.run('rejecter', () => reject(new Error(msg))), 1));

async function guarded() {
  try {
    await fail('first');
  } catch (e) {
    log('catch', e.message, 'in', als.getStore());
    await null;
    log('await inside catch', als.getStore());
  } finally {
    log('finally', als.getStore());
    await Promise.resolve();
    log('await inside finally', als.getStore());
  }
  try {
    await fail('second');
  } finally {
    log('finally without catch', als.getStore());
  }
}

als.run('guarded', () => guarded()).catch((e) => log('caller catch', e.message, 'in', als.getStore()));
