// Seed (promise execution tracking) and docs/semantics.md §4: promise callbacks have no ids of
// their own until a hook is enabled; with one, the then() callback runs as the derived
// promise, triggered by the promise it was derived from; after disabling, ids stop.
const ctx = require('#ctx');
const { createIdLabels } = require('../_lib/ids.cjs');
const { log } = require('../_lib/out.cjs');

const { createHook, executionAsyncId: eid, triggerAsyncId: tid } = ctx;
const ids = createIdLabels();
ids.label(eid());
const promiseIds = [];

Promise.resolve(1729).then(() => {
  log(`no hook: eid ${ids.label(eid())} tid ${ids.label(tid())}`);
  const hook = createHook({ init(id, type) { if (type === 'PROMISE') promiseIds.push(id); } }).enable();
  const first = Promise.resolve(1729);
  first.then(() => {
    log(`hook enabled: eid is the then() promise: ${eid() === promiseIds[1]}, tid is the resolved promise: ${tid() === promiseIds[0]}`);
    hook.disable();
    Promise.resolve(1729).then(() => log(`after disable: eid ${ids.label(eid())} tid ${ids.label(tid())}`));
  });
});
