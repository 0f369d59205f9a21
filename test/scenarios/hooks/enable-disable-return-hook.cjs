// Seed (asyncHook.enable/disable): both return the hook, so `createHook(cb).enable()`
// works; enabling twice does not double the events; a disabled hook gets nothing until
// it is enabled again.
const ctx = require('#ctx');
const { log } = require('../_lib/out.cjs');

const { createHook } = ctx;
let inits = 0;
const hook = createHook({ init(id, type) { if (type === 'Timeout') inits += 1; } });

log('enable returns the hook', hook.enable() === hook);
log('enable again returns the hook', hook.enable() === hook);
setTimeout(() => {}, 1);
log('inits after one timer (enabled twice):', inits);
log('disable returns the hook', hook.disable() === hook);
log('disable again returns the hook', hook.disable() === hook);
setTimeout(() => {}, 1);
log('inits after a timer while disabled:', inits);
hook.enable();
setTimeout(() => {}, 1);
log('inits after re-enabling:', inits);
hook.disable();
