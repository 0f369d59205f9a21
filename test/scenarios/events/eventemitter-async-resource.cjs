// events.EventEmitterAsyncResource (Node's seed: "Integrating AsyncResource with
// EventEmitter"): listeners run in the emitter's async scope, the one it was constructed in,
// whoever emits; its asyncId and triggerAsyncId are the resource's, which a hook sees made
// with the emitter's name as type, and emitDestroy() destroys.
const { AsyncLocalStorage, createHook, executionAsyncId, triggerAsyncId } = require('#ctx');
const { EventEmitterAsyncResource, EventEmitter } = require('node:events');
const { log } = require('../_lib/out.cjs');
const { createIdLabels } = require('../_lib/ids.cjs');

const ids = createIdLabels();
const als = new AsyncLocalStorage();
const events = [];
const keepAlive = [];
const emitters = new Set();
createHook({
  init(asyncId, type, trigger) {
    if (type !== 'Pinger' && type !== 'Pinger2' && type !== 'Sub') return;
    emitters.add(asyncId);
    events.push(`init ${type} ${ids.label(asyncId)} trigger ${ids.label(trigger)}`);
  },
  destroy(asyncId) {
    if (emitters.has(asyncId)) events.push(`destroy ${ids.peek(asyncId)}`);
  },
}).enable();

setTimeout(() => {
  let emitter;
  let constructedIn;
  als.run('constructed', () => {
    constructedIn = executionAsyncId();
    emitter = new EventEmitterAsyncResource({ name: 'Pinger' });
  });
  log('an EventEmitter:', emitter instanceof EventEmitter);
  log('trigger is the constructing scope:', emitter.triggerAsyncId === constructedIn);
  log('asyncResource ids:', emitter.asyncResource.asyncId() === emitter.asyncId, emitter.asyncResource.eventEmitter === emitter);
  emitter.on('ping', function (...args) {
    log('listener store:', als.getStore(), 'args:', args, 'this is the emitter:', this === emitter);
    log('listener execution id is the emitter\'s:', executionAsyncId() === emitter.asyncId, 'trigger:', triggerAsyncId() === emitter.triggerAsyncId);
  });
  als.run('emitting', () => {
    log('emit returns:', emitter.emit('ping', 1, 2));
    log('back in the emitter\'s caller:', als.getStore());
  });
  emitter.emitDestroy();

  // The name is the subclass's by default, or a string argument.
  class Sub extends EventEmitterAsyncResource {}
  const sub = new Sub();
  const named = new EventEmitterAsyncResource('Pinger2');
  // Kept reachable: a collected resource's destroy would come whenever the GC runs.
  keepAlive.push(emitter, sub, named);
  log('default name, string name:', sub.asyncResource.type ?? 'n/a', typeof named.asyncId);
  try {
    new EventEmitterAsyncResource({ name: 1 });
  } catch (error) {
    log('bad name:', error.name, error.code);
  }
  setImmediate(() => setImmediate(() => {
    for (const line of events) log(line);
  }));
}, 1);
