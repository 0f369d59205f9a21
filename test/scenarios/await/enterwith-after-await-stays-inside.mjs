// waits-for: transform
// docs/semantics.md §3, ways context gets lost (DESIGN): an enterWith after an await is seen by
// the rest of that function only. Its caller (awaiting it or not), its siblings and the
// caller's later awaits keep their own store; in a loop body it lasts to the body's end.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

async function innermost(tag) {
  await null;
  als.enterWith(`entered by ${tag}`);
  log(tag, 'innermost after enterWith', als.getStore());
  await new Promise((resolve) => setTimeout(resolve, 1));
  log(tag, 'innermost after the next await', als.getStore());
}

async function middle(tag) {
  await innermost(tag);
  log(tag, 'middle after awaiting innermost', als.getStore());
}

async function caller(tag) {
  const pending = middle(tag);
  log(tag, 'caller right after the call', als.getStore());
  await pending;
  log(tag, 'caller after awaiting', als.getStore());
  await innermost(`${tag}-sibling`);
  log(tag, 'caller after a sibling', als.getStore());
}

async function loop(tag) {
  for await (const i of [1, 2]) {
    log(tag, 'loop body start', i, als.getStore());
    await null;
    als.enterWith(`${tag} body ${i}`);
  }
  log(tag, 'after the loop', als.getStore());
}

als.run('one', () => caller('one'));
als.run('two', () => caller('two'));
als.run('three', () => loop('three'));
