// Node's MessageChannel: messages are delivered in the frame in which the channel was
// created (Node makes each port an async resource of its own), whoever posted them.
//
// Node delivers every message through the registered symbol method
// `nodejs.internal.kHybridDispatch` of the port; the frame is taken when the channel is
// constructed (a subclass of the native MessageChannel, so channels stay native) and
// restored around that dispatch. Where either is missing nothing is installed.

import { currentFrame, runInFrame, type Frame } from '../core/frame';
import { replaceMethod, replaceValue } from './patch';

type Channel = { port1: object; port2: object };

export function installNodeMessagePort(global: typeof globalThis): void {
  const g = global as { MessageChannel?: new () => Channel; MessagePort?: { prototype: object } };
  const NativeChannel = g.MessageChannel;
  const dispatch = Symbol.for('nodejs.internal.kHybridDispatch');
  if (NativeChannel === undefined || g.MessagePort === undefined) return;
  if (typeof (g.MessagePort.prototype as Record<symbol, unknown>)[dispatch] !== 'function') return;

  const creationFrames = new WeakMap<object, Frame>();
  const MessageChannel = class MessageChannel extends NativeChannel {
    constructor() {
      super();
      const frame = currentFrame();
      creationFrames.set(this.port1, frame);
      creationFrames.set(this.port2, frame);
    }
  };
  replaceMethod<Function>(g.MessagePort.prototype, dispatch, (original) => function (this: object, ...args: unknown[]) {
    const frame = creationFrames.get(this);
    return frame === undefined
      ? Reflect.apply(original, this, args)
      : runInFrame(frame, original as (...a: unknown[]) => unknown, this, args);
  });
  replaceValue(global, 'MessageChannel', MessageChannel);
}
