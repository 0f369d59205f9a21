// waits-for: transform
// Ways context gets lost (DESIGN): code the transform never touched. A callback-style
// "library" built at run time (so no transform sees it: new Function) calls back into
// rewritten async code through timers, then() and an emitter, and has an async function
// of its own; the rewritten code keeps its store across every await around those calls.
// (The library's own code after its own awaits is not observed: untouched code may lose
// the store there, docs/semantics.md §6.1.)
import { AsyncLocalStorage } from '#ctx';
import { EventEmitter } from 'node:events';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

const library = new Function('setTimeout', `
  return {
    fetch(key, callback) { setTimeout(() => callback(null, 'value of ' + key), 1); },
    retry(fn) {
      return new Promise((resolve) => {
        const attempt = (n) => fn(n).then(resolve, () => setTimeout(attempt, 1, n + 1));
        attempt(1);
      });
    },
    async load(key) { await null; await new Promise((r) => setTimeout(r, 1)); return 'loaded ' + key; },
    pipe(emitter, items) { let i = 0; const next = () => { if (i < items.length) { emitter.emit('item', items[i++]); setTimeout(next, 1); } else emitter.emit('end'); }; setTimeout(next, 1); },
  };
`)(setTimeout);

async function handler(name) {
  const value = await new Promise((resolve, reject) =>
    library.fetch(name, (error, v) => (error ? reject(error) : resolve(v))),
  );
  log(name, 'callback API gave', value, 'in', als.getStore());
  const result = await library.retry(async (attempt) => {
    await null;
    log(name, 'attempt', attempt, 'in', als.getStore());
    if (attempt < 2) throw new Error('again');
    return `ok after ${attempt}`;
  });
  log(name, 'untouched retry gave', result, 'in', als.getStore());
  log(name, 'untouched async function gave', await library.load(name), 'in', als.getStore());
  const emitter = new EventEmitter();
  const items = [];
  emitter.on('item', async (item) => {
    await null;
    items.push(`${item}@${als.getStore()}`);
  });
  await new Promise((resolve) => {
    emitter.on('end', resolve);
    library.pipe(emitter, ['a', 'b']);
  });
  await new Promise((resolve) => setTimeout(resolve, 1));
  log(name, 'emitter items', items.join(' '), 'then', als.getStore());
}

als.run('req-1', () => handler('req-1'));
als.run('req-2', () => handler('req-2'));
