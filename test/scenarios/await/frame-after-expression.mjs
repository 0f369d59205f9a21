// waits-for: transform
// docs/semantics.md §2: `await expr` resumes in the frame current just after expr was evaluated,
// so an enterWith inside expr (or in a function it calls) is seen after the await.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

function startAndEnter(value) {
  als.enterWith(value);
  return new Promise((r) => setTimeout(r, 1));
}

async function f() {
  await startAndEnter('entered-in-expression');
  log('after await', als.getStore());
  await als.run('run-in-expression', () => Promise.resolve());
  log('after await of a run() expression', als.getStore());
}

als.run('outer', () => f());
