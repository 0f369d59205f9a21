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
  /**
   * The posts each port of a tracked channel has yet to deliver, oldest first: a task, or
   * undefined for a post made outside every scope (delivered in turn, it ends nothing).
   */
  const queues = new WeakMap<object, (TaskLike | undefined)[]>();
  const node = typeof portPrototype[HYBRID_DISPATCH] === 'function';
  // Bun starts a port when a message listener is added, as Node does, and has no dispatch
  // method to watch instead: the tracker's listener would change what the program receives.
  // Its posts are not tracked (nor workerd's, which has no MessagePort global).
  if (!node && typeof g.process?.versions?.bun === 'string') return;

  const delivered = (port: object) => queues.get(port)?.shift()?.end();
  const endAll = (port: object) => {
    const queue = queues.get(port);
    if (queue === undefined) return;
    queues.delete(port);
    for (let i = 0; i < queue.length; i++) queue[i]?.end();
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
  /** Calls a function that may transfer ports (`options`: its transfer list, or options with one); those it transferred are gone. */
  const transferring = (inner: Function, self: unknown, args: IArguments, options: unknown): unknown => {
    const result = Reflect.apply(inner, self, args);
    const list = Array.isArray(options) ? options : (options as { transfer?: unknown } | null | undefined)?.transfer;
    if (Array.isArray(list)) for (let i = 0; i < list.length; i++) if (peers.has(list[i])) gone(list[i]);
    return result;
  };

  layerConstructor(g, 'MessageChannel', (channel) => {
    const { port1, port2 } = channel as Channel;
    peers.set(port1, port2).set(port2, port1);
    // A web port's message events: a capture listener, which the port's others cannot hide
    // the event from, and which does not start the port (Node's would: its delivery is seen
    // through the dispatch method instead).
    if (!node) for (const port of [port1, port2] as Port[]) {
      const onDelivered = () => delivered(port);
      port.addEventListener('message', onDelivered, true);
      port.addEventListener('messageerror', onDelivered, true);
    }
  });

  if (node) {
    layer(portPrototype, HYBRID_DISPATCH, (inner) => function (this: unknown) {
      // (value, type, event): no event for a delivered message.
      if (arguments[2] === undefined && (arguments[1] === 'message' || arguments[1] === 'messageerror')) delivered(this as object);
      return Reflect.apply(inner, this, arguments);
    });
    // A message taken without being dispatched.
    const workerThreads = nodeModule('node:worker_threads');
    if (workerThreads !== undefined) layer(workerThreads, 'receiveMessageOnPort', (inner) => function (this: unknown, port: unknown) {
      const result = Reflect.apply(inner, this, arguments);
      if (result !== undefined && typeof port === 'object' && port !== null) delivered(port);
      return result;
    });
  }

  layer(portPrototype, 'postMessage', (inner) => function (this: unknown, _message: unknown, options: unknown) {
    const peer = peers.get(this as object);
    if (peer === undefined) return transferring(inner, this, arguments, options);
    const task = begin('MessagePort.postMessage');
    let result: unknown;
    try {
      result = transferring(inner, this, arguments, options);
    } catch (error) {
      task?.end();
      throw error;
    }
    let queue = queues.get(peer);
    if (queue === undefined) queues.set(peer, queue = []);
    queue.push(task);
    return result;
  });
  layer(portPrototype, 'close', (inner) => function (this: unknown) {
    gone(this as object);
    return Reflect.apply(inner, this, arguments);
  });
  // What else transfers a port: a worker's, a window's, a service worker's or a client's
  // postMessage, structuredClone. (Another realm's postMessage, an iframe's window's, is not
  // seen: docs/tracker.md.)
  const holders = [g, g.Window?.prototype, g.Worker?.prototype, g.DedicatedWorkerGlobalScope?.prototype, g.ServiceWorker?.prototype, g.Client?.prototype, nodeModule('node:worker_threads')?.Worker?.prototype];
  for (const holder of holders) {
    if (holder === undefined) continue;
    layer(holder, 'postMessage', (inner) => function (this: unknown, _message: unknown, second: unknown, third: unknown) {
      // window.postMessage(message, targetOrigin, transfer) or (message, options).
      return transferring(inner, this, arguments, Array.isArray(third) ? third : second);
    });
  }
  layer(g, 'structuredClone', (inner) => function (this: unknown, _value: unknown, options: unknown) {
    return transferring(inner, this, arguments, options);
  });
}
