// Node's process events about errors run in the frame where the error happened:
// 'unhandledRejection' (reason, promise) in the rejection's frame, 'uncaughtException'
// (error) in the frame of the throw. Node emits them through process.emit.

import { runInFrame, type Frame } from '../core/frame';
import { replaceMethod } from './patch';
import { frameOfRejection } from './rejection';
import { frameOfThrow } from './uncaught';

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

export function installProcessErrorFrames(global: typeof globalThis): void {
  const proc = (global as { process?: object }).process;
  if (proc === undefined || typeof (proc as { emit?: unknown }).emit !== 'function') return;
  replaceMethod<Emit>(proc, 'emit', (original) => function emit(this: unknown, event, ...args) {
    let frame: Frame | undefined;
    if (event === 'unhandledRejection') frame = frameOfRejection(args[1]);
    else if (event === 'uncaughtException') frame = frameOfThrow(args[0]);
    return frame === undefined
      ? Reflect.apply(original, this, [event, ...args])
      : runInFrame(frame, original, this, [event, ...args]);
  });
}
