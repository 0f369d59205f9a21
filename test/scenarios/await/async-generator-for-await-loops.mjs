// waits-for: transform
// docs/semantics.md §2 (generators: the frame of whoever calls next()), ways context gets lost
// (DESIGN): generators. A generator made in one store and looped over in others runs in
// each loop's store; awaits in the generator and in the loop body keep it; break and
// return() finish the generator in the loop's store; nested loops keep theirs.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function* pages(name, count) {
  try {
    for (let i = 1; i <= count; i += 1) {
      await sleep(1);
      log(name, 'generator before yield', i, als.getStore());
      yield i;
    }
  } finally {
    log(name, 'generator finally', als.getStore());
  }
}

async function consume(name, source) {
  for await (const page of source) {
    log(name, 'loop got', page, als.getStore());
    await sleep(1);
    if (page === 2) break;
  }
  log(name, 'after the loop', als.getStore());
  for await (const outer of pages(`${name}-outer`, 2)) {
    for await (const inner of pages(`${name}-inner`, 1)) log(name, 'nested', outer, inner, als.getStore());
    log(name, 'outer body end', outer, als.getStore());
  }
}

const made = als.run('maker', () => pages('made-by-maker', 3));
als.run('reader-1', () => consume('reader-1', made));
als.run('reader-2', () => consume('reader-2', pages('own', 3)));
