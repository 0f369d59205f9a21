// waits-for: transform
// Ways context gets lost (DESIGN): already-resolved promises. A promise settled long ago,
// in another store, resumes the awaiting function in its own store; so do settled
// rejections, finished async functions and values that are not promises.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

const settledElsewhere = als.run('settler', () => Promise.resolve('early value'));
const rejectedElsewhere = als.run('settler', () => Promise.reject(new Error('early failure')));
rejectedElsewhere.catch(() => {});
const finishedElsewhere = als.run('settler', async () => 'finished value');

async function reader(name) {
  const value = await settledElsewhere;
  log(name, 'settled promise gave', value, 'in', als.getStore());
  try {
    await rejectedElsewhere;
  } catch (e) {
    log(name, 'settled rejection', e.message, 'in', als.getStore());
  }
  log(name, 'finished async function gave', await finishedElsewhere, 'in', als.getStore());
  log(name, 'plain value gave', await 7, 'in', als.getStore());
  const again = await settledElsewhere;
  log(name, 'same promise again gave', again, 'in', als.getStore());
}

setTimeout(() => {
  als.run('first', () => reader('first'));
  als.run('second', () => reader('second'));
}, 1);
