// Rejection tracking: an `unhandledRejection` handler runs in the frame that was current when
// the promise was rejected. Rejections the engine sees (Promise.reject, a throwing reaction,
// a constructor's reject function) remember their frame until the promise is collected.

import { currentFrame, type Frame } from '../core/frame';

const rejectionFrames = new WeakMap<object, Frame>();

export function recordRejection(promise: object, frame: Frame = currentFrame()): void {
  rejectionFrames.set(promise, frame);
}

export function frameOfRejection(promise: unknown): Frame | undefined {
  return typeof promise === 'object' && promise !== null ? rejectionFrames.get(promise) : undefined;
}
