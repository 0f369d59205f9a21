// waits-for: transform
// Ways context gets lost (DESIGN): await in try/catch/finally. Rejections settled from
// another store land in catch with the function's store; awaits inside catch and finally,
// rethrows, nested try blocks and finally blocks inside loops keep it too.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const failLater = (message) =>
  als.run('rejecter', () => new Promise((_, reject) => setTimeout(() => reject(new Error(message)), 1)));

async function rethrowing(name) {
  try {
    await failLater(`${name} first`);
  } catch (e) {
    log(name, 'inner catch', e.message, als.getStore());
    await null;
    throw new Error(`${name} rethrown`);
  } finally {
    log(name, 'inner finally', als.getStore());
  }
}

async function handler(name) {
  try {
    await rethrowing(name);
  } catch (e) {
    log(name, 'outer catch', e.message, als.getStore());
  }
  for (let i = 0; i < 2; i += 1) {
    try {
      if (i === 1) await failLater(`${name} in loop`);
      await null;
    } catch (e) {
      log(name, 'loop catch', e.message, als.getStore());
      continue;
    } finally {
      await new Promise((resolve) => setTimeout(resolve, 1));
      log(name, 'loop finally', i, als.getStore());
    }
    log(name, 'loop body end', i, als.getStore());
  }
  try {
    try {
      await failLater(`${name} nested`);
    } finally {
      await null;
      log(name, 'nested finally after await', als.getStore());
    }
  } catch (e) {
    log(name, 'caught after nested finally', e.message, als.getStore());
  }
  return 'done';
}

als.run('x', () => handler('x')).then((v) => log('x result', v, als.getStore()));
als.run('y', () => handler('y')).then((v) => log('y result', v, als.getStore()));
