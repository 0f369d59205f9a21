// process.nextTick: the callback runs in the frame current at scheduling, as a TickObject.

import { currentFrame } from '../core/frame';
import { defaultTriggerAsyncId, newAsyncId } from '../core/execution';
import { emitDestroy, emitInit, hookCounts } from '../core/hooks';
import { replaceMethod } from './patch';
import { runCallback } from './callback-scope';
import { callHost } from './microtask';

type NextTick = (callback: Function, ...args: unknown[]) => void;

export function installNextTick(global: typeof globalThis): void {
  const proc = (global as { process?: object }).process;
  if (proc === undefined || typeof (proc as { nextTick?: unknown }).nextTick !== 'function') return;
  replaceMethod<NextTick>(proc, 'nextTick', (original) => function nextTick(this: unknown, callback: Function, ...args: unknown[]) {
    if (typeof callback !== 'function') return Reflect.apply(original, this, [callback, ...args]);
    const frame = currentFrame();
    const asyncId = newAsyncId();
    const trigger = defaultTriggerAsyncId();
    const tickObject = { callback, args };
    if (hookCounts.init > 0) emitInit(asyncId, 'TickObject', trigger, tickObject);
    return callHost(original, this, [function tick() {
      try {
        return runCallback(frame, asyncId, trigger, tickObject, callback, undefined, args);
      } finally {
        if (hookCounts.destroy > 0) emitDestroy(asyncId);
      }
    }]);
  });
}
