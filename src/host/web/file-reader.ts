// FileReader: the events of a read (loadstart, progress, load, error, loadend) run in the
// frame of the readAs… call; `abort()` fires its events synchronously, in the caller's frame.

import { currentFrame, type Frame } from '../../core/frame';
import { replaceMethod } from '../patch';
import { routeListeners } from './listener-frames';

type Method = (this: FileReader, ...args: unknown[]) => unknown;

export function installFileReader(global: typeof globalThis): void {
  const FileReader = (global as { FileReader?: typeof globalThis.FileReader }).FileReader;
  if (FileReader === undefined) return;
  // The request's frame, kept on the objects its events are fired at.
  const frames = new WeakMap<object, Frame>();
  const frameFor = (target: object) => frames.get(target);
  const proto = FileReader.prototype;
  routeListeners(proto, [proto], frameFor);
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (!key.startsWith('readAs')) continue;
    replaceMethod<Method>(proto, key, (original) => function (this: FileReader) {
      frames.set(this, currentFrame());
      return Reflect.apply(original, this, arguments);
    });
  }
  replaceMethod<Method>(proto, 'abort', (original) => function (this: FileReader) {
    frames.delete(this);
    return Reflect.apply(original, this, arguments);
  });
}
