// carryContext (packages/anyctx/src/host/carry-context.ts) on Node's MessageChannel, whose ports are
// EventTargets as a browser's are, with the native entry and the portable engine: values of
// the named storages travel with each message, listeners see the original data, removal and
// onmessage read-back work, undo restores the port, bad input gets Node-style errors.
// Browsers run it on real Workers and MessageChannels in browser.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';

const engines = { native: await import('anyctx'), portable: await import('anyctx/portable') };

const nextMessage = (port) => new Promise((resolve) => port.addEventListener('message', resolve, { once: true }));

for (const [engine, { AsyncLocalStorage, AsyncContext, carryContext }] of Object.entries(engines)) {
  test(`${engine}: named stores travel with the message; data, removal and onmessage stay as they were`, async () => {
    const request = new AsyncLocalStorage();
    const tenant = new AsyncContext.Variable({ name: 'tenant' });
    const other = new AsyncLocalStorage();
    const { port1, port2 } = new MessageChannel();
    // Named by the caller (Node 20's own AsyncLocalStorage has no name), or by their own name.
    carryContext(port1, { request, tenant });
    carryContext(port2, { request, other, tenant });
    try {
      const seen = [];
      const listener = (event) => seen.push(['listener', event.data, request.getStore(), tenant.get(), other.getStore()]);
      const handler = { handleEvent: (event) => seen.push(['handleEvent', event.data, request.getStore()]) };
      port2.addEventListener('message', listener);
      port2.addEventListener('message', handler);
      const onmessage = (event) => seen.push(['onmessage', event.data, tenant.get()]);
      port2.onmessage = onmessage;
      assert.equal(port2.onmessage, onmessage, 'onmessage reads back the function that was set');

      const arrived = nextMessage(port2);
      request.run('r1', () => tenant.run('t1', () => port1.postMessage({ n: 1 })));
      await arrived;
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(seen, [
        ['listener', { n: 1 }, 'r1', 't1', undefined],
        ['handleEvent', { n: 1 }, 'r1'],
        ['onmessage', { n: 1 }, 't1'],
      ]);

      seen.length = 0;
      port2.removeEventListener('message', listener);
      port2.removeEventListener('message', handler);
      port2.onmessage = null;
      const second = nextMessage(port2);
      request.run('r2', () => port1.postMessage('two'));
      assert.equal((await second).data, 'two');
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(seen, [], 'removed listeners do not run');
    } finally {
      port1.close();
    }
  });

  test(`${engine}: undo puts the port back; bad input throws Node-style errors`, async () => {
    const request = new AsyncLocalStorage();
    const { port1, port2 } = new MessageChannel();
    const undo = carryContext(port1, { request });
    assert.ok(Object.hasOwn(port1, 'postMessage'));
    undo();
    assert.ok(!Object.hasOwn(port1, 'postMessage') && !Object.hasOwn(port1, 'addEventListener'));
    const arrived = nextMessage(port2);
    request.run('r', () => port1.postMessage('raw'));
    assert.equal((await arrived).data, 'raw', 'after undo, messages go as they are');
    port1.close();

    const code = (code, name = 'TypeError') => (error) => error.name === name && error.code === code;
    assert.throws(() => carryContext(null, [request]), code('ERR_INVALID_ARG_TYPE'));
    assert.throws(() => carryContext(port2, 'request'), code('ERR_INVALID_ARG_TYPE'));
    assert.throws(() => carryContext(port2, [{}]), code('ERR_INVALID_ARG_TYPE'));
    assert.throws(() => carryContext(port2, { request: 1 }), code('ERR_INVALID_ARG_TYPE'));
    assert.throws(() => carryContext(port2, [new AsyncContext.Variable()]), code('ERR_INVALID_ARG_VALUE'));
    const tenant = new AsyncContext.Variable({ name: 'tenant' });
    assert.throws(() => carryContext(port2, [tenant, new AsyncContext.Variable({ name: 'tenant' })]), code('ERR_INVALID_ARG_VALUE'));
  });
}
