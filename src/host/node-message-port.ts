// Node's MessageChannel: messages are delivered in the frame in which the channel was
// created (Node makes each port an async resource of its own), whoever posted them.
//
// The frame is taken when the channel is constructed (a subclass of the native
// MessageChannel, so channels stay native) and restored around the port's delivered
// messages and its own 'close' event, which reach the listeners one of two ways:
// - Node's: every event of a port goes through the registered symbol method
//   `nodejs.internal.kHybridDispatch`, a delivered message with no event object, and what
//   dispatchEvent() is given (the port's 'close' among them) with it;
// - on runtimes that present themselves as Node with web ports (Deno: node:worker_threads
//   adds `on('message')` to them), the platform dispatches a trusted 'message' event, and
//   the 'close', through the port's `dispatchEvent`.
// An event the program dispatches itself runs in the dispatcher's frame, as any event does.
// Where neither way is there (browsers, whose ports are opt-in: carryContext) nothing is
// installed.

import { currentFrame, runInFrame, type Frame } from '../core/frame';
import { replaceMethod, replaceValue } from './patch';
import { presentsAsNode } from './web/presents-as-node';

type Channel = { port1: object; port2: object };
type Delivery = (this: object, ...args: any[]) => unknown;

const HYBRID_DISPATCH = Symbol.for('nodejs.internal.kHybridDispatch');
type PortEvent = { type?: unknown; isTrusted?: unknown } | null | undefined;
const isClose = (event: PortEvent) => event?.type === 'close';
const isDeliveredMessage = (event: PortEvent) => event?.isTrusted === true && (event.type === 'message' || event.type === 'messageerror');

export function installNodeMessagePort(global: typeof globalThis): void {
  const g = global as unknown as { MessageChannel?: new () => Channel; MessagePort?: { prototype: Record<PropertyKey, unknown> } };
  const NativeChannel = g.MessageChannel;
  const portPrototype = g.MessagePort?.prototype;
  if (NativeChannel === undefined || portPrototype === undefined) return;

  const creationFrames = new WeakMap<object, Frame>();
  const inCreationFrame = (port: object, delivery: Delivery, args: ArrayLike<unknown>) => {
    const frame = creationFrames.get(port);
    return frame === undefined ? Reflect.apply(delivery, port, args) : runInFrame(frame, delivery, port, args);
  };
  if (typeof portPrototype[HYBRID_DISPATCH] === 'function') {
    replaceMethod<Delivery>(portPrototype, HYBRID_DISPATCH, (original) => function (this: object, value: unknown, type: unknown, event: PortEvent) {
      return event === undefined || isClose(event) ? inCreationFrame(this, original, arguments) : Reflect.apply(original, this, arguments);
    });
  } else if (presentsAsNode(global) && typeof portPrototype.dispatchEvent === 'function') {
    replaceMethod<Delivery>(portPrototype, 'dispatchEvent', (original) => function (this: object, event: PortEvent) {
      return isDeliveredMessage(event) || isClose(event) ? inCreationFrame(this, original, arguments) : Reflect.apply(original, this, arguments);
    });
  } else {
    return;
  }

  const MessageChannel = class MessageChannel extends NativeChannel {
    constructor() {
      super();
      const frame = currentFrame();
      creationFrames.set(this.port1, frame);
      creationFrames.set(this.port2, frame);
    }
  };
  replaceValue(global, 'MessageChannel', MessageChannel);
}
