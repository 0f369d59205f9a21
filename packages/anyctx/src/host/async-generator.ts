// Async generators' next/return/throw: they resume a paused generator synchronously, in
// the caller's frame, unless it is busy (then it resumes later from the microtask queue).
// The transformed generator body tells the two apart by whether such a call is on the stack
// (or a Promise executor, where async generators lowered by Babel resume: promise-constructor.ts).
// The call also names the generator, so that its body's call is found by later calls.

import { atResume, callingGenerator, delegatorFrame, endRunningGenerator, generatorCalls, runningGenerator } from '../core/async-generator-body';
import { runInFrame } from '../core/frame';
import { replaceMethod } from './patch';

type Method = (this: AsyncGenerator, value?: unknown) => Promise<IteratorResult<unknown>>;

function call(generator: AsyncGenerator, original: Method, args: IArguments): Promise<IteratorResult<unknown>> {
  atResume(generator);
  generatorCalls.depth++;
  const previous = callingGenerator(generator);
  const running = runningGenerator(generator);
  try {
    return Reflect.apply(original, generator, args);
  } finally {
    endRunningGenerator(running);
    callingGenerator(previous);
    generatorCalls.depth--;
  }
}

export function installAsyncGenerator(): void {
  const prototype = Object.getPrototypeOf(Object.getPrototypeOf((async function* () {})()));
  for (const name of ['next', 'return', 'throw'] as const) {
    replaceMethod<Method>(prototype, name, (original) => ({
      [name](this: AsyncGenerator) {
        // Called from the microtask queue by a `yield*` (a forwarded return()): in the frame of
        // the delegating generator's latest next()/return()/throw().
        const frame = generatorCalls.depth === 0 ? delegatorFrame(this) : undefined;
        return frame === undefined ? call(this, original, arguments) : runInFrame(frame, call, undefined, [this, original, arguments]);
      },
    })[name] as Method);
  }
}
