// When queued destroy hooks arrive (Node's seed: destroys are queued and delivered later):
// Node delivers every queued destroy at the start of the next check phase, before that
// phase's first setImmediate callback. An Immediate X that schedules Y and ends has its
// destroy, and that of an emitDestroy() made during X, delivered before Y runs; two
// Immediates of the same phase both run before either's destroy.
const { AsyncResource, createHook } = require('#ctx');
const { log } = require('../_lib/out.cjs');

const names = new Map();
const immediateNames = ['a', 'x', 'y'];
let tracking = false;
createHook({
  init(asyncId, type) {
    if (tracking && type === 'Immediate') names.set(asyncId, immediateNames.shift());
  },
  destroy(asyncId) {
    if (names.has(asyncId)) log('destroy', names.get(asyncId));
  },
}).enable();

setTimeout(() => {
  tracking = true;
  // Two Immediates of one check phase: both run before either's destroy.
  setImmediate(() => log('run a'));
  setImmediate(() => {
    log('run x');
    const resource = new AsyncResource('Manual');
    names.set(resource.asyncId(), 'manual');
    resource.emitDestroy();
    // X schedules Y: X's destroy and the manual one come before Y runs.
    setImmediate(() => {
      log('run y');
      tracking = false;
    });
  });
}, 1);
