// docs/semantics.md §5: AsyncContext.Variable({ name, defaultValue }): get() returns the
// default outside run(), run(value, fn, ...args) sets it for fn (synchronously, returning
// fn's result) and for the async work fn starts.
import { AsyncContext } from '#ctx';
import { log } from '../_lib/out.cjs';

const variable = new AsyncContext.Variable({ name: 'request', defaultValue: 'default' });
const bare = new AsyncContext.Variable();

log('name', variable.name, 'bare name', JSON.stringify(bare.name));
log('outside run', variable.get(), bare.get());
log('run returns', variable.run('R', (a, b) => `${variable.get()} ${a} ${b}`, 1, 2));
variable.run('outer', () => {
  variable.run('inner', () => log('nested', variable.get()));
  log('after nested', variable.get());
  setTimeout(() => log('timer', variable.get()), 1);
  Promise.resolve().then(() => log('then', variable.get()));
  try {
    variable.run('throwing', () => { throw new Error('x'); });
  } catch {
    log('after a throw', variable.get());
  }
});
log('run(undefined) hides the default', variable.run(undefined, () => variable.get()));
log('after all', variable.get());
