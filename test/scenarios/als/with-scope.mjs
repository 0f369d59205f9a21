// AsyncLocalStorage.prototype.withScope (Node 24.21; docs/semantics.md §3, Node the oracle):
// `using scope = als.withScope(store)` sets the store as enterWith() does, and disposing the
// scope (at the end of the block, or by dispose()) puts back the store getStore() gave
// before, once: a second dispose does nothing. What is scheduled inside keeps the store.
// Where the runtime cannot parse `using` (Node 20), the same steps are written out with
// try/finally and Symbol.dispose, and print the same. (A runtime without Symbol.dispose gets
// the key TypeScript's and Babel's `using` read there.)
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const withDefault = new AsyncLocalStorage({ defaultValue: 'default' });
const other = new AsyncLocalStorage();
const dispose = Symbol.dispose ?? Symbol.for('Symbol.dispose');

const scope = als.withScope('first');
log('scope:', typeof scope, typeof scope.dispose, typeof scope[dispose], Object.keys(scope));
log('in scope:', als.getStore());
setTimeout(() => log('timer scheduled in scope:', als.getStore()), 1);
scope.dispose();
log('after dispose:', als.getStore());
als.enterWith('entered');
scope.dispose();
log('second dispose changes nothing:', als.getStore());
als.enterWith(undefined);

let usingWorks = false;
try {
  new Function('{ using x = null; }')();
  usingWorks = true;
} catch {}

// Nested scopes, the inner one disposed by its block, the outer one by Symbol.dispose.
const nested = usingWorks
  ? new Function('als', 'withDefault', 'log', `
      using outer = als.withScope('outer');
      {
        using inner = als.withScope('inner');
        using defaulted = withDefault.withScope('set');
        log('innermost:', als.getStore(), withDefault.getStore());
      }
      log('after inner block:', als.getStore(), withDefault.getStore());
    `)
  : (als, withDefault, log, dispose) => {
      const outer = als.withScope('outer');
      try {
        const inner = als.withScope('inner');
        try {
          const defaulted = withDefault.withScope('set');
          try {
            log('innermost:', als.getStore(), withDefault.getStore());
          } finally {
            defaulted[dispose]();
          }
        } finally {
          inner[dispose]();
        }
        log('after inner block:', als.getStore(), withDefault.getStore());
      } finally {
        outer[dispose]();
      }
    };
nested(als, withDefault, log, dispose);
log('after outer block:', als.getStore(), withDefault.getStore());

// Inside run(): the scope outlives nothing, since run() puts back its own entry; a scope of
// another storage stays after it, until disposed.
const kept = als.run('run', () => {
  als.withScope('scoped in run');
  log('in run:', als.getStore());
  return other.withScope('other scoped in run');
});
log('after run:', als.getStore(), other.getStore());
kept.dispose();
log('after disposing the other:', other.getStore());

// Out of order: each puts back what it found.
const first = als.withScope(1);
const second = als.withScope(2);
first.dispose();
log('first disposed first:', als.getStore());
second.dispose();
log('then second:', als.getStore());
