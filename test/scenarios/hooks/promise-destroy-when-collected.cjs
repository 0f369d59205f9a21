// Garbage-collected promises get their destroy, as natively: with a destroy hook enabled, a
// promise given an id (a PROMISE resource) emits destroy once it is collected, and never
// before its last after. (Collection is asked for through V8's gc(), exposed at run time.)
const { createHook } = require('#ctx');
const { log } = require('../_lib/out.cjs');
const v8 = require('node:v8');
const vm = require('node:vm');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const promises = new Set();
const destroyed = new Set();
const open = new Set();
let early = 0;
createHook({
  init(asyncId, type) { if (type === 'PROMISE') promises.add(asyncId); },
  before(asyncId) { open.add(asyncId); },
  after(asyncId) { open.delete(asyncId); },
  destroy(asyncId) {
    if (!promises.has(asyncId)) return;
    if (open.has(asyncId)) early++;
    destroyed.add(asyncId);
  },
}).enable();

(function makeGarbage() {
  for (let i = 0; i < 50; i++) Promise.resolve(i).then((v) => v + 1).then(() => {});
  for (let i = 0; i < 50; i++) new Promise((resolve) => setTimeout(resolve, 1, i));
})();

setTimeout(() => {
  gc();
  setTimeout(() => {
    gc();
    setImmediate(() => setImmediate(() => {
      log('promises made:', promises.size >= 200);
      log('all of them destroyed once collected:', [...promises].every((id) => destroyed.has(id)));
      log('destroyed before their after:', early);
    }));
  }, 5);
}, 10);
