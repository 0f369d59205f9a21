// A createHook trace printed as a tree: the "indent" example from Node's async_hooks docs.
// The docs trace a TCP server; this traces nextTick, timers, promises, queueMicrotask and
// setImmediate instead, because those are resources the portable engine can see (sockets
// and other native handles are invisible to it).
import fs from 'node:fs';
import { createHook, executionAsyncId } from '#ctx';

// fs.writeSync, not console.log: printing inside a hook must not create new resources.
const { fd } = process.stdout;
let indent = 0;
const print = (line) => fs.writeSync(fd, `${' '.repeat(indent)}${line}\n`);

// Raw ids differ between engines: number them in order of first appearance instead.
const ids = new Map();
const id = (raw) => {
  if (!ids.has(raw)) ids.set(raw, ids.size + 1);
  return ids.get(raw);
};

// Trace only resources that descend from this program's own code (not the module loader's
// promises), and skip a promise's destroy: it waits for garbage collection.
const kinds = new Set(['Timeout', 'Immediate', 'TickObject', 'PROMISE', 'Microtask']);
const traced = new Map([[executionAsyncId(), 'main']]);

print(`main(${id(executionAsyncId())})`);
createHook({
  init(asyncId, type, triggerAsyncId) {
    if (!kinds.has(type) || !traced.has(triggerAsyncId)) return;
    traced.set(asyncId, type);
    print(`${type}(${id(asyncId)}): trigger: ${id(triggerAsyncId)} execution: ${id(executionAsyncId())}`);
  },
  before(asyncId) {
    if (!traced.has(asyncId)) return;
    print(`before:  ${id(asyncId)}`);
    indent += 2;
  },
  after(asyncId) {
    if (!traced.has(asyncId)) return;
    indent -= 2;
    print(`after:   ${id(asyncId)}`);
  },
  destroy(asyncId) {
    if (traced.has(asyncId) && traced.get(asyncId) !== 'PROMISE') print(`destroy: ${id(asyncId)}`);
  },
}).enable();

// As in the docs: a nextTick (there, listen()'s callback) sets a 10 ms timer that prints
// its own id; then a promise, a microtask and an immediate.
process.nextTick(() => {
  setTimeout(() => {
    print(`>>> ${id(executionAsyncId())}`);
    Promise.resolve().then(() => {
      queueMicrotask(() => setImmediate(() => print(`>>> ${id(executionAsyncId())}`)));
    });
  }, 10);
});
