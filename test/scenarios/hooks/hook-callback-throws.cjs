// Seed (error handling): if a hook callback throws, the process prints the error and
// exits (code 1), 'uncaughtException' listeners are not consulted, 'exit' listeners run.
// Elsewhere the engine reports the error and goes on.
// needs: Node process
const { createHook } = require('#ctx');
const { log } = require('../_lib/out.cjs');

process.on('uncaughtException', () => log('uncaughtException listener ran!'));
process.on('exit', (code) => log('exit listener, code', code));

createHook({ init(id, type) { if (type === 'Timeout') throw new Error('init hook failed'); } }).enable();
log('before scheduling');
setTimeout(() => log('timer ran!'), 1);
log('after scheduling: not reached');
