// waits-for: transform
// docs/semantics.md §2: code after `await` runs in the frame of the async function, whatever
// frame resolved the awaited promise; the caller's frame is back once it suspends.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
let resolveLater;
const later = new Promise((r) => { resolveLater = r; });

async function work(name) {
  log(name, 'before await', als.getStore());
  const v = await later;
  log(name, 'after await got', v, 'in', als.getStore());
}

als.run('A', () => work('A'));
als.run('B', () => work('B'));
log('caller after starting both', als.getStore());
als.run('resolver', () => setTimeout(() => resolveLater('value'), 1));
