// Rejection tracking: an `unhandledRejection` handler runs in the frame that was current when
// the promise was rejected. The engine remembers that frame, until the promise is collected,
// for the rejections it sees: Promise.reject, a constructor's reject function, a throwing
// reaction, a `then` without a rejection handler passing one on (in the frame of that `then`
// call), and a promise resolved with a rejected promise or thenable (core/thenable.ts).

import { currentFrame, type Frame } from './frame';

const rejectionFrames = new WeakMap<object, Frame>();

export function recordRejection(promise: object, frame: Frame = currentFrame()): void {
  rejectionFrames.set(promise, frame);
}

/** A reaction of a `then` call without a rejection handler: passes the rejection on, in `frame`. */
export function passRejection(frame: Frame, reason: unknown, derived: object): never {
  rejectionFrames.set(derived, frame);
  throw reason;
}

export function frameOfRejection(promise: unknown): Frame | undefined {
  return typeof promise === 'object' && promise !== null ? rejectionFrames.get(promise) : undefined;
}
