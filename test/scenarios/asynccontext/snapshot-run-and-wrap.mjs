// docs/semantics.md §5: new AsyncContext.Snapshot() captures every variable at construction;
// snapshot.run(fn, ...args) runs fn in it and restores; Snapshot.wrap(fn) returns a
// function that runs fn in the frame of the wrap() call, passing `this` and arguments.
import { AsyncContext } from '#ctx';
import { log } from '../_lib/out.cjs';

const a = new AsyncContext.Variable();
const b = new AsyncContext.Variable({ defaultValue: 'b-default' });

const snapshot = a.run('a1', () => b.run('b1', () => new AsyncContext.Snapshot()));
const wrapped = a.run('a2', () => AsyncContext.Snapshot.wrap(function (x) { return `${a.get()}/${b.get()} x=${x} this=${this?.tag}`; }));

a.run('caller', () => {
  log('snapshot.run', snapshot.run((x) => `${a.get()}/${b.get()} ${x}`, 'arg'));
  log('caller after', a.get(), b.get());
  log('wrapped', wrapped.call({ tag: 'T' }, 1));
  log('caller after wrapped', a.get());
  try {
    snapshot.run(() => { throw new Error('boom'); });
  } catch (e) {
    log('throw propagates', e.message, 'caller restored', a.get());
  }
});
const empty = new AsyncContext.Snapshot();
a.run('somewhere', () => log('empty snapshot sees', empty.run(() => [a.get(), b.get()])));
