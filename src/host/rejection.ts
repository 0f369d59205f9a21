// Rejection tracking: an `unhandledRejection` handler runs in the frame that was current when
// the promise was rejected. Rejections the engine sees (Promise.reject, a throwing reaction,
// a constructor's reject function) remember their frame until the promise is collected.

import { currentFrame, runInFrame, type Frame } from '../core/frame';
import { replaceMethod } from './patch';

const rejectionFrames = new WeakMap<object, Frame>();

export function recordRejection(promise: object, frame: Frame = currentFrame()): void {
  rejectionFrames.set(promise, frame);
}

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

/** Node: process.emit('unhandledRejection', reason, promise) runs in the rejection's frame. */
export function installNodeRejectionFrames(global: typeof globalThis): void {
  const proc = (global as { process?: object }).process;
  if (proc === undefined || typeof (proc as { emit?: unknown }).emit !== 'function') return;
  replaceMethod<Emit>(proc, 'emit', (original) => function emit(this: unknown, event, ...args) {
    if (event === 'unhandledRejection' && typeof args[1] === 'object' && args[1] !== null) {
      const frame = rejectionFrames.get(args[1]);
      if (frame !== undefined) return runInFrame(frame, original, this, [event, ...args]);
    }
    return Reflect.apply(original, this, [event, ...args]);
  });
}
