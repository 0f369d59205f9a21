// Node's MessageChannel: messages are delivered in the frame in which the channel was
// created (Node makes each port an async resource of its own), whoever posted them.
//
// The frame is taken when the channel is constructed (by the engine's layer on the native
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
import { replaceConstructor, replaceMethod, uninstrumentable } from './patch';
import { presentsAsNode } from './presents-as-node';

type Channel = { port1: object; port2: object };
type Delivery = (this: object, ...args: unknown[]) => unknown;

const HYBRID_DISPATCH = Symbol.for('nodejs.internal.kHybridDispatch');
type PortEvent = { type?: unknown; isTrusted?: unknown } | null | undefined;
const isClose = (event: PortEvent) => event?.type === 'close';
const isDeliveredMessage = (event: PortEvent) => event?.isTrusted === true && (event.type === 'message' || event.type === 'messageerror');

export function installNodeMessagePort(global: typeof globalThis): void {
  const g = global as unknown as { MessageChannel?: new () => Channel; MessagePort?: { prototype: Record<PropertyKey, unknown> } };
  let NativeChannel, portPrototype;
  try {
    NativeChannel = g.MessageChannel;
    portPrototype = g.MessagePort?.prototype;
  } catch {
    // Node 20's lazy globals, on a frozen global: their getter cannot define the value.
    uninstrumentable.push('MessageChannel');
    return;
  }
  if (NativeChannel === undefined || portPrototype === undefined) return;

  const creationFrames = new WeakMap<object, Frame>();
  // Replaces the port method the events come through; `ofChannel` tells, from its arguments,
  // whether the event is one to run in the creation frame.
  const deliverThrough = (key: PropertyKey, ofChannel: (args: IArguments) => boolean) =>
    replaceMethod<Delivery>(portPrototype, key, (original) => function (this: object) {
      const frame = ofChannel(arguments) ? creationFrames.get(this) : undefined;
      return frame === undefined ? Reflect.apply(original, this, arguments) : runInFrame(frame, original, this, arguments);
    });
  if (typeof portPrototype[HYBRID_DISPATCH] === 'function') {
    // (value, type, event): no event for a delivered message.
    deliverThrough(HYBRID_DISPATCH, (args) => args[2] === undefined || isClose(args[2]));
  } else if (presentsAsNode(global) && typeof portPrototype.dispatchEvent === 'function') {
    deliverThrough('dispatchEvent', (args) => isDeliveredMessage(args[0]) || isClose(args[0]));
  } else {
    return;
  }

  replaceConstructor(global, 'MessageChannel', (Native) => (newTarget, args) => {
    if (newTarget === undefined) return Reflect.apply(Native, undefined, args); // the platform's TypeError
    const channel = Reflect.construct(Native, args, newTarget) as Channel;
    const frame = currentFrame();
    creationFrames.set(channel.port1, frame);
    creationFrames.set(channel.port2, frame);
    return channel;
  });
}
