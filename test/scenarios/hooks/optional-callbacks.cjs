// Seed (createHook): every callback is optional; a hook with only some of them gets
// just those events; enabling a hook with none is a no-op.
const ctx = require('#ctx');
const { createIdLabels } = require('../_lib/ids.cjs');
const { atExit, log } = require('../_lib/out.cjs');

const { createHook } = ctx;
const ids = createIdLabels();
const seen = new Set();
const destroyed = []; // printed at exit: destroy timing is not part of the contract

createHook({}).enable();
createHook({ init(id, type) { if (type === 'Timeout' || type === 'Immediate') { seen.add(id); log('init-only hook:', type, ids.label(id)); } } }).enable();
createHook({ destroy(id) { if (seen.has(id)) destroyed.push(ids.label(id)); } }).enable();
createHook({ before(id) { if (seen.has(id)) log('before-only hook:', ids.label(id)); } }).enable();

setTimeout(() => {
  log('timeout callback');
  setImmediate(() => log('immediate callback'));
}, 1);
atExit(() => log('destroy-only hook saw:', destroyed.join(' ')));
