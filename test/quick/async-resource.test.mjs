// AsyncResource, the execution ids and the async_hooks callbacks of the core, as Node documents
// them: what a resource captures, what runInAsyncScope and bind change for the callback and put
// back, the init/before/after/destroy events of a resource, and Node's errors for bad input.
// Ids are compared with each other, never with fixed numbers: the test runner's own context
// has ids of its own under Node.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AsyncLocalStorage, AsyncResource, createHook, executionAsyncId, executionAsyncResource, nodeError, oracle, triggerAsyncId,
} from './engine.mjs';

const ids = () => ({ execution: executionAsyncId(), trigger: triggerAsyncId(), resource: executionAsyncResource() });

describe('AsyncResource', () => {
  it('each resource has an id of its own, larger than those made before it', () => {
    const made = Array.from({ length: 5 }, () => new AsyncResource('Counted').asyncId());
    assert.ok(made.every((id) => Number.isSafeInteger(id) && id > 0), made.join());
    assert.deepEqual([...made].sort((a, b) => a - b), made);
    assert.equal(new Set(made).size, made.length);
  });

  it('triggerAsyncId() is the execution id where the resource was made, unless given as an option or as the second argument', () => {
    assert.equal(new AsyncResource('Default').triggerAsyncId(), executionAsyncId());
    assert.equal(new AsyncResource('Option', { triggerAsyncId: 77 }).triggerAsyncId(), 77);
    assert.equal(new AsyncResource('Number', 88).triggerAsyncId(), 88);
    assert.equal(new AsyncResource('Unknown', { triggerAsyncId: -1 }).triggerAsyncId(), -1);
  });

  it('runInAsyncScope() calls the function with thisArg and the arguments and returns its result', () => {
    const resource = new AsyncResource('Call');
    const self = {};
    assert.deepEqual(resource.runInAsyncScope(function (...args) {
      return [this, args];
    }, self, 1, 2), [self, [1, 2]]);
  });

  it("inside runInAsyncScope() the execution id, trigger id and resource are the resource's; after it, the caller's again", () => {
    const resource = new AsyncResource('Scope', { triggerAsyncId: 5 });
    const before = ids();
    const inside = resource.runInAsyncScope(ids);
    assert.deepEqual(inside, { execution: resource.asyncId(), trigger: 5, resource });
    assert.deepEqual(ids(), before);
    assert.throws(() => resource.runInAsyncScope(() => { throw new Error('in scope'); }), /in scope/);
    assert.deepEqual(ids(), before);
  });

  it('a resource made inside another\'s scope is triggered by it', () => {
    const outer = new AsyncResource('Outer');
    const inner = outer.runInAsyncScope(() => new AsyncResource('Inner'));
    assert.equal(inner.triggerAsyncId(), outer.asyncId());
    const nested = outer.runInAsyncScope(() => inner.runInAsyncScope(() => [executionAsyncId(), triggerAsyncId()]));
    assert.deepEqual(nested, [inner.asyncId(), outer.asyncId()]);
  });

  it('runInAsyncScope() runs in the storages\' context of the resource\'s creation, and puts the caller\'s back', () => {
    const als = new AsyncLocalStorage();
    const resource = als.run('at creation', () => new AsyncResource('Context'));
    als.run('caller', () => {
      assert.equal(resource.runInAsyncScope(() => als.getStore()), 'at creation');
      assert.equal(als.getStore(), 'caller');
    });
    assert.equal(new AsyncResource('No context').runInAsyncScope(() => als.run('x', () => new AsyncResource('y')).runInAsyncScope(() => als.getStore())), 'x');
  });

  it("bind(): a function named 'bound', of the function's length, that runs in the resource's scope with its caller's this", () => {
    const als = new AsyncLocalStorage();
    const resource = als.run('bound', () => new AsyncResource('Bind'));
    const bound = resource.bind(function (a, b) {
      return [this, a, b, als.getStore(), executionAsyncId()];
    });
    assert.equal(bound.name, 'bound');
    assert.equal(bound.length, 2);
    const self = {};
    assert.deepEqual(bound.call(self, 1, 2), [self, 1, 2, 'bound', resource.asyncId()]);
  });

  it('bind(fn, thisArg) calls fn with thisArg whatever its caller gives', () => {
    const resource = new AsyncResource('BindThis');
    const fixed = {};
    const bound = resource.bind(function () {
      return this;
    }, fixed);
    assert.equal(bound.call({ other: true }), fixed);
  });

  it('AsyncResource.bind(fn) binds to a new resource, triggered where it was bound', () => {
    const outer = new AsyncResource('Outer');
    const bound = outer.runInAsyncScope(() => AsyncResource.bind(function (x) {
      return [this, x, triggerAsyncId(), executionAsyncId()];
    }));
    assert.equal(bound.name, 'bound');
    assert.equal(bound.length, 1);
    const [self, x, trigger, execution] = bound.call('self', 'x');
    assert.deepEqual([self, x, trigger], ['self', 'x', outer.asyncId()]);
    assert.ok(execution > outer.asyncId(), 'the bound function runs as a resource made after the outer one');
  });
});

describe('async_hooks callbacks', () => {
  /** A hook that records the events of the resources whose type starts with `prefix`. */
  function recorder(prefix) {
    const events = [];
    const mine = new Map();
    const hook = createHook({
      init(asyncId, type, trigger, resource) {
        if (!type.startsWith(prefix)) return;
        mine.set(asyncId, type);
        events.push(['init', type, trigger, resource]);
      },
      before(asyncId) { if (mine.has(asyncId)) events.push(['before', mine.get(asyncId)]); },
      after(asyncId) { if (mine.has(asyncId)) events.push(['after', mine.get(asyncId)]); },
      destroy(asyncId) { if (mine.has(asyncId)) events.push(['destroy', mine.get(asyncId)]); },
    });
    return { hook, events };
  }
  const later = () => new Promise((resolve) => setImmediate(() => setTimeout(resolve, 5)));

  it('a resource: init when made (with its type, trigger id and itself), before and after around each scope, destroy later, once', async () => {
    const { hook, events } = recorder('Hooked');
    assert.equal(hook.enable(), hook);
    try {
      const resource = new AsyncResource('Hooked', { triggerAsyncId: 3 });
      resource.runInAsyncScope(() => events.push(['callback', executionAsyncId() === resource.asyncId()]));
      resource.runInAsyncScope(() => events.push(['callback again']));
      assert.equal(resource.emitDestroy(), resource);
      events.push(['emitDestroy returned']);
      await later();
      assert.deepEqual(events, [
        ['init', 'Hooked', 3, resource],
        ['before', 'Hooked'], ['callback', true], ['after', 'Hooked'],
        ['before', 'Hooked'], ['callback again'], ['after', 'Hooked'],
        ['emitDestroy returned'],
        ['destroy', 'Hooked'],
      ]);
    } finally {
      hook.disable();
    }
  });

  it('after throws in the scope, the after event still comes', () => {
    const { hook, events } = recorder('Throwing');
    hook.enable();
    try {
      const resource = new AsyncResource('Throwing');
      assert.throws(() => resource.runInAsyncScope(() => { throw new Error('scope'); }), /scope/);
      assert.deepEqual(events.map(([name]) => name), ['init', 'before', 'after']);
    } finally {
      hook.disable();
    }
  });

  it('enable() twice is one hook; disable() stops the events and returns the hook', () => {
    const { hook, events } = recorder('Toggled');
    hook.enable();
    hook.enable();
    try {
      new AsyncResource('Toggled-1');
      assert.equal(hook.disable(), hook);
      new AsyncResource('Toggled-2').runInAsyncScope(() => {});
      assert.deepEqual(events.map(([name, type]) => [name, type]), [['init', 'Toggled-1']]);
    } finally {
      hook.disable();
    }
  });

  it('several hooks each get every event, in the order they were enabled', () => {
    const order = [];
    const first = createHook({ init(id, type) { if (type === 'Ordered') order.push('first'); } }).enable();
    const second = createHook({ init(id, type) { if (type === 'Ordered') order.push('second'); } }).enable();
    try {
      new AsyncResource('Ordered');
      assert.deepEqual(order, ['first', 'second']);
    } finally {
      first.disable();
      second.disable();
    }
  });

  it('a hook may have only some callbacks; callbacks are read through the prototype chain', () => {
    const seen = [];
    class Callbacks {
      before(id) { if (id === watched) seen.push('before'); }
    }
    let watched;
    const hook = createHook(new Callbacks()).enable();
    try {
      const resource = new AsyncResource('Partial');
      watched = resource.asyncId();
      resource.runInAsyncScope(() => seen.push('callback'));
      assert.deepEqual(seen, ['before', 'callback']);
    } finally {
      hook.disable();
    }
  });

  it('no destroy event for a resource destroyed while no destroy hook is enabled', async () => {
    const { hook, events } = recorder('Unwatched');
    const resource = new AsyncResource('Unwatched');
    resource.emitDestroy();
    hook.enable();
    try {
      await later();
      assert.deepEqual(events, []);
    } finally {
      hook.disable();
    }
  });
});

describe("Node's errors for bad input", () => {
  it('a type that is not a string: ERR_INVALID_ARG_TYPE', () => {
    assert.throws(() => new AsyncResource(5), nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "type" argument must be of type string. Received type number (5)'));
    assert.throws(() => new AsyncResource(), nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "type" argument must be of type string. Received undefined'));
  });

  it('a trigger id that is not a safe integer ≥ -1: ERR_INVALID_ASYNC_ID', () => {
    assert.throws(() => new AsyncResource('A', { triggerAsyncId: -2 }), nodeError(RangeError, 'ERR_INVALID_ASYNC_ID', 'Invalid triggerAsyncId value: -2'));
    assert.throws(() => new AsyncResource('A', { triggerAsyncId: 1.5 }), nodeError(RangeError, 'ERR_INVALID_ASYNC_ID', 'Invalid triggerAsyncId value: 1.5'));
    assert.throws(() => new AsyncResource('A', -2), nodeError(RangeError, 'ERR_INVALID_ASYNC_ID', 'Invalid triggerAsyncId value: -2'));
  });

  it('bind() of what is not a function: ERR_INVALID_ARG_TYPE', () => {
    const message = 'The "fn" argument must be of type function. Received type number (1)';
    assert.throws(() => new AsyncResource('A').bind(1), nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', message));
    assert.throws(() => AsyncResource.bind(1), nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', message));
  });

  it("an empty type while an init hook is enabled: ERR_ASYNC_TYPE; without one it is accepted", () => {
    // Node's test runner has init hooks of its own: there, no moment is without one.
    if (!oracle) assert.ok(new AsyncResource('') instanceof AsyncResource);
    const hook = createHook({ init() {} }).enable();
    try {
      assert.throws(() => new AsyncResource(''), nodeError(TypeError, 'ERR_ASYNC_TYPE', 'Invalid name for async "type": '));
    } finally {
      hook.disable();
    }
  });

  it("createHook() with a callback that is not a function: ERR_ASYNC_CALLBACK; without an object: V8's destructuring error", () => {
    assert.throws(() => createHook({ init: 1 }), nodeError(TypeError, 'ERR_ASYNC_CALLBACK', 'hook.init must be a function'));
    assert.throws(() => createHook({ before: 'x' }), nodeError(TypeError, 'ERR_ASYNC_CALLBACK', 'hook.before must be a function'));
    assert.throws(() => createHook({ promiseResolve: {} }), nodeError(TypeError, 'ERR_ASYNC_CALLBACK', 'hook.promiseResolve must be a function'));
    assert.throws(() => createHook(), { name: 'TypeError', message: "Cannot destructure property 'init' of 'undefined' as it is undefined." });
  });
});
