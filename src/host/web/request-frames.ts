// The frame of an asynchronous request (an XMLHttpRequest's send, a FileReader's read, an
// IndexedDB request's creation), kept on the objects its events are fired at.

import type { Frame } from '../../core/frame';

export class RequestFrames {
  readonly #frames = new WeakMap<object, Frame>();

  set(target: object, frame: Frame): void {
    this.#frames.set(target, frame);
  }

  forget(target: object): void {
    this.#frames.delete(target);
  }

  readonly frameFor = (target: object): Frame | undefined => this.#frames.get(target);
}
