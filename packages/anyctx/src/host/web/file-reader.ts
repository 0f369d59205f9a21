// FileReader: the events of a read (loadstart, progress, load, error, loadend) run in the
// frame of the readAs… call; `abort()` fires its events synchronously, in the caller's frame.

import { currentFrame, type Frame } from '../../core/frame';
import { beforeEachCall } from '../patch';
import { routeListeners } from './listener-frames';

export function installFileReader(global: typeof globalThis): void {
  const FileReader = (global as { FileReader?: typeof globalThis.FileReader }).FileReader;
  if (FileReader === undefined) return;
  // The request's frame, kept on the objects its events are fired at.
  const frames = new WeakMap<object, Frame>();
  const proto = FileReader.prototype;
  routeListeners(proto, frames);
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (key.startsWith('readAs')) beforeEachCall<FileReader>(proto, key, (reader) => frames.set(reader, currentFrame()));
  }
  beforeEachCall<FileReader>(proto, 'abort', (reader) => frames.delete(reader));
}
