// docs/semantics.md §2: setImmediate callbacks run with the frame at scheduling, in FIFO order.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

for (const name of ['first', 'second', 'third']) {
  als.run(name, () => setImmediate(() => {
    log('immediate', name, 'runs in', als.getStore());
    als.enterWith(`${name}-entered`);
    setImmediate(() => log('nested immediate of', name, 'runs in', als.getStore()));
  }));
}
setImmediate((arg) => log('immediate with arg', arg, 'runs in', als.getStore()), 'arg');
