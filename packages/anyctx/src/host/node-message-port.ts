// Node's MessageChannel: messages are delivered in the frame in which the channel was
// created (Node makes each port an async resource of its own), whoever posted them. So are
// a BroadcastChannel's, in the frame the receiving channel was created in: Node's receives
// them through a MessagePort of its own, made with it (Deno's through its dispatchEvent).
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
import { defineOwn, replaceConstructor, replaceMethod, uninstrumentable } from './patch';
import { presentsAsNode } from './presents-as-node';

type Channel = { port1: object; port2: object };
type Delivery = (this: object, ...args: unknown[]) => unknown;

const HYBRID_DISPATCH = Symbol.for('nodejs.internal.kHybridDispatch');
type PortEvent = { type?: unknown; isTrusted?: unknown } | null | undefined;
const isClose = (event: PortEvent) => event?.type === 'close';
const isDeliveredMessage = (event: PortEvent) => event?.isTrusted === true && (event.type === 'message' || event.type === 'messageerror');

function hasBroadcastChannel(global: typeof globalThis): boolean {
  try {
    // Read first: Node 20's global is a lazy accessor, which the first read makes a value.
    return typeof (global as { BroadcastChannel?: unknown }).BroadcastChannel === 'function';
  } catch {
    // Node 20's lazy globals, on a frozen global: their getter cannot define the value.
    uninstrumentable.push('BroadcastChannel');
    return false;
  }
}

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
  // Replaces the method of `holder` (a port's prototype, a BroadcastChannel's) the events come
  // through; `ofChannel` tells, from its arguments, whether the event is one to run in the
  // creation frame.
  const deliverThrough = (holder: object, key: PropertyKey, ofChannel: (args: IArguments) => boolean) =>
    replaceMethod<Delivery>(holder, key, (original) => function (this: object) {
      const frame = ofChannel(arguments) ? creationFrames.get(this) : undefined;
      return frame === undefined ? Reflect.apply(original, this, arguments) : runInFrame(frame, original, this, arguments);
    });
  // A BroadcastChannel: what receives its messages gets the frame it is created in.
  const instrumentBroadcastChannel = (receiverOf: (channel: object) => object | undefined) => {
    if (!hasBroadcastChannel(global)) return;
    // Deno's global is an accessor: the layer goes on the class its getter gives, as a value.
    const own = Object.getOwnPropertyDescriptor(global, 'BroadcastChannel');
    if (own?.get !== undefined && own.configurable === true) {
      defineOwn(global, 'BroadcastChannel', { value: Reflect.get(global, 'BroadcastChannel'), writable: true, enumerable: own.enumerable, configurable: true });
    }
    replaceConstructor(global, 'BroadcastChannel', (Native) => (newTarget, args) => {
      if (newTarget === undefined) return Reflect.apply(Native, undefined, args); // the platform's TypeError
      const channel = Reflect.construct(Native, args, newTarget) as object;
      const receiver = receiverOf(channel);
      if (receiver !== undefined) creationFrames.set(receiver, currentFrame());
      return channel;
    });
  };
  if (typeof portPrototype[HYBRID_DISPATCH] === 'function') {
    // (value, type, event): no event for a delivered message.
    deliverThrough(portPrototype, HYBRID_DISPATCH, (args) => args[2] === undefined || isClose(args[2]));
    // Node's BroadcastChannel receives through a port of its own, under a symbol of its own.
    instrumentBroadcastChannel((channel) => {
      const keys = Object.getOwnPropertySymbols(channel);
      for (let i = 0; i < keys.length; i++) {
        const value = (channel as Record<symbol, unknown>)[keys[i]!];
        if (typeof value === 'object' && value !== null && Object.prototype.isPrototypeOf.call(portPrototype, value)) return value;
      }
      return undefined;
    });
  } else if (presentsAsNode(global) && typeof portPrototype.dispatchEvent === 'function') {
    deliverThrough(portPrototype, 'dispatchEvent', (args) => isDeliveredMessage(args[0]) || isClose(args[0]));
    // Deno dispatches a BroadcastChannel's messages through its dispatchEvent, trusted.
    const channelPrototype = (global as { BroadcastChannel?: { prototype?: unknown } }).BroadcastChannel?.prototype;
    if (typeof channelPrototype === 'object' && channelPrototype !== null && typeof (channelPrototype as { dispatchEvent?: unknown }).dispatchEvent === 'function') {
      deliverThrough(channelPrototype, 'dispatchEvent', (args) => isDeliveredMessage(args[0]));
      instrumentBroadcastChannel((channel) => channel);
    }
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
