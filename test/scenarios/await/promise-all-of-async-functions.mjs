// waits-for: transform
// Ways context gets lost (DESIGN): Promise.all and friends over async functions. Each
// function keeps the store it was called in (its own run() or the caller's), and the
// caller resumes after the combinator in its own store.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function task(name, ms) {
  await sleep(ms);
  const first = als.getStore();
  await null;
  return `${name}:${first}/${als.getStore()}`;
}

async function failing(name) {
  await sleep(1);
  throw new Error(`${name} failed in ${als.getStore()}`);
}

async function parent() {
  const all = await Promise.all([task('a', 3), als.run('own-b', () => task('b', 1)), task('c', 2)]);
  log('all:', all.join(' '), '| parent', als.getStore());
  const mapped = await Promise.all([3, 1, 2].map(async (ms) => {
    await sleep(ms);
    return `${ms}:${als.getStore()}`;
  }));
  log('map(async):', mapped.join(' '), '| parent', als.getStore());
  const settled = await Promise.allSettled([task('d', 1), failing('e')]);
  log('allSettled:', settled.map((r) => r.value ?? r.reason.message).join(' '), '| parent', als.getStore());
  log('race:', await Promise.race([task('f', 20), task('g', 1)]), '| parent', als.getStore());
  log('any:', await Promise.any([failing('h'), task('i', 2)]), '| parent', als.getStore());
  try {
    await Promise.all([task('j', 3), failing('k')]);
  } catch (e) {
    log('all rejected:', e.message, '| parent', als.getStore());
  }
}

als.run('parent-1', () => parent());
