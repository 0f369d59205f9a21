// process.nextTick: the callback runs in the frame current at scheduling, as a TickObject.
//
// Node's streams and HTTP call nextTick several times a request, so the host's nextTick gets
// one shared function and the TickObject as its argument: no closure per tick. What the
// engine keeps on the TickObject is in private fields, out of sight of code that is handed it
// as executionAsyncResource().

import { currentFrame, type Frame } from '../core/frame';
import { defaultTriggerAsyncId, newAsyncId } from '../core/execution';
import { emitDestroy, emitInit, hookCounts } from '../core/hooks';
import { replaceGatedMethod } from './patch';
import { runCallback } from './callback-scope';
import { callHost } from './microtask';

type NextTick = (callback: Function, ...args: unknown[]) => void;

class TickObject {
  callback: Function;
  /** As Node's: undefined when there are none. */
  args: unknown[] | undefined;
  #frame: Frame = currentFrame();
  #asyncId = newAsyncId();
  #trigger = defaultTriggerAsyncId();

  constructor(callback: Function, args: unknown[]) {
    this.callback = callback;
    this.args = args.length === 0 ? undefined : args;
    if (hookCounts.init > 0) emitInit(this.#asyncId, 'TickObject', this.#trigger, this);
  }

  static run(tick: TickObject): unknown {
    try {
      return runCallback(tick.#frame, tick.#asyncId, tick.#trigger, tick, tick.callback, undefined, tick.args ?? NO_ARGUMENTS);
    } finally {
      if (hookCounts.destroy > 0) emitDestroy(tick.#asyncId);
    }
  }
}

const NO_ARGUMENTS: unknown[] = [];
const runTick = TickObject.run;

export function installNextTick(global: typeof globalThis): void {
  const proc = (global as { process?: object }).process;
  if (proc === undefined || typeof (proc as { nextTick?: unknown }).nextTick !== 'function') return;
  replaceGatedMethod<NextTick>(proc, 'nextTick', (original, gate) => function nextTick(this: unknown, callback: Function, ...args: unknown[]) {
    if (gate.to !== undefined) return Reflect.apply(gate.to, this, arguments);
    if (typeof callback !== 'function') return Reflect.apply(original, this, arguments);
    return callHost(original, this, runTick, new TickObject(callback, args));
  });
}
