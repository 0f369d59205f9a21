// Messages posted on a MessageChannel's port: a task from postMessage until the other end
// delivers the message (a port that is never started never delivers: its posts stay pending,
// as zone.js's would). Only channels made in this realm after the first tracker, whose two
// ends are both here, are tracked: a port transferred elsewhere (in a postMessage's or a
// structuredClone's transfer list) delivers where this realm cannot see, so the posts to it
// end there and then, and later ones are not tracked; closing either end ends the posts to
// both. Delivery is seen where the platform shows it without changing what the program does:
// Node's ports deliver through a method of their prototype (`nodejs.internal.kHybridDispatch`,
// no event object for a delivered message); a web port dispatches `message` events, which a
// listener added with addEventListener sees without starting the port.

import { layer, layerConstructor, nodeModule, type Begin, type TaskLike } from './layer';

type Channel = { port1: object; port2: object };
type Port = EventTarget & object;

const HYBRID_DISPATCH = Symbol.for('nodejs.internal.kHybridDispatch');

export function trackMessagePorts(begin: Begin, g: Record<string, any>): void {
  const portPrototype = g.MessagePort?.prototype as Record<PropertyKey, unknown> | undefined;
  if (typeof g.MessageChannel !== 'function' || portPrototype === undefined) return;
  /** Each port's other end, while both are in this realm. */
  const peers = new WeakMap<object, object>();
  /** The posts each port has yet to deliver, oldest first. */
  const queues = new WeakMap<object, TaskLike[]>();
  const node = typeof portPrototype[HYBRID_DISPATCH] === 'function';
  const listening = new WeakSet<object>();

  const delivered = (port: object) => queues.get(port)?.shift()?.end();
  const endAll = (port: object) => {
    const queue = queues.get(port);
    if (queue === undefined) return;
    queues.delete(port);
    for (let i = 0; i < queue.length; i++) queue[i]!.end();
  };
  /** `port` left this realm (or was closed): nothing posted to it is seen delivered. */
  const gone = (port: object) => {
    const peer = peers.get(port);
    peers.delete(port);
    endAll(port);
    if (peer !== undefined) {
      peers.delete(peer);
      endAll(peer);
    }
  };
  const transferred = (options: unknown) => {
    const list = Array.isArray(options) ? options : (options as { transfer?: unknown } | null | undefined)?.transfer;
    if (!Array.isArray(list)) return;
    for (let i = 0; i < list.length; i++) if (peers.has(list[i])) gone(list[i]);
  };

  layerConstructor(g, 'MessageChannel', (channel) => {
    const { port1, port2 } = channel as Channel;
    peers.set(port1, port2).set(port2, port1);
  });

  if (node) {
    layer(portPrototype, HYBRID_DISPATCH, (inner) => function (this: unknown) {
      // (value, type, event): no event for a delivered message.
      if (arguments[2] === undefined && (arguments[1] === 'message' || arguments[1] === 'messageerror')) delivered(this as object);
      return Reflect.apply(inner, this, arguments);
    });
  }

  layer(portPrototype, 'postMessage', (inner) => function (this: unknown, _message: unknown, options: unknown) {
    transferred(options);
    const peer = peers.get(this as object);
    const task = peer === undefined ? undefined : begin('MessagePort.postMessage');
    if (task === undefined) return Reflect.apply(inner, this, arguments);
    try {
      const result = Reflect.apply(inner, this, arguments);
      let queue = queues.get(peer!);
      if (queue === undefined) queues.set(peer!, queue = []);
      queue.push(task);
      if (!node && !listening.has(peer!)) {
        listening.add(peer!);
        const onDelivered = () => delivered(peer!);
        (peer as Port).addEventListener('message', onDelivered);
        (peer as Port).addEventListener('messageerror', onDelivered);
      }
      return result;
    } catch (error) {
      task.end();
      throw error;
    }
  });
  layer(portPrototype, 'close', (inner) => function (this: unknown) {
    gone(this as object);
    return Reflect.apply(inner, this, arguments);
  });
  // What else transfers a port: a worker's or a window's postMessage, structuredClone.
  for (const holder of [g, g.Worker?.prototype, g.DedicatedWorkerGlobalScope?.prototype, nodeModule('node:worker_threads')?.Worker?.prototype]) {
    if (holder === undefined) continue;
    layer(holder, 'postMessage', (inner) => function (this: unknown, _message: unknown, second: unknown, third: unknown) {
      // window.postMessage(message, targetOrigin, transfer) or (message, options).
      transferred(Array.isArray(third) ? third : second);
      return Reflect.apply(inner, this, arguments);
    });
  }
  layer(g, 'structuredClone', (inner) => function (this: unknown, _value: unknown, options: unknown) {
    transferred(options);
    return Reflect.apply(inner, this, arguments);
  });
}
