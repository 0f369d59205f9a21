// docs/semantics.md §2: events the platform fires on its own ('beforeExit', 'exit') run in the
// empty frame, whatever an enterWith at the top level or in a callback left behind.
const { AsyncLocalStorage } = require('#ctx');
const { log } = require('../_lib/out.cjs');

const als = new AsyncLocalStorage();
const other = new AsyncLocalStorage({ defaultValue: 'default' });

als.enterWith('top-level-entered');
other.enterWith('top-level-entered');
process.on('beforeExit', () => log('beforeExit sees', als.getStore(), other.getStore()));
process.on('exit', () => log('exit sees', als.getStore(), other.getStore()));
setTimeout(() => { als.enterWith('timer-entered'); log('timer sees', als.getStore()); }, 1);
log('top level sees', als.getStore());
