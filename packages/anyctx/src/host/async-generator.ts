// Async generators' next/return/throw: they resume a paused generator synchronously, in
// the caller's frame, unless it is busy (then it resumes later from the microtask queue).
// The transformed generator body tells the two apart by whether such a call is on the stack
// (or a Promise executor, where async generators lowered by Babel resume: promise-constructor.ts).
// The call also names the generator, so that its body's call is found by later calls.

import { atResume, callingGenerator, delegatorFrame, endRunningGenerator, generatorCalls, runningGenerator } from '../core/async-generator-body';
import { runInFrame } from '../core/frame';
import { enterBody, leaveBody } from '../core/generator-creation';
import { replaceMethod } from './patch';

type Method = (this: AsyncGenerator, value?: unknown) => Promise<IteratorResult<unknown>>;

/** A call as the layer makes it: named, counted, its generator the innermost running. */
function call(generator: AsyncGenerator, original: Method, args: ArrayLike<unknown>): Promise<IteratorResult<unknown>> {
  const caller = enterBody(generator);
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
    leaveBody(caller);
  }
}

export function installAsyncGenerator(): void {
  const prototype = Object.getPrototypeOf(Object.getPrototypeOf((async function* () {})()));
  for (const name of ['next', 'return', 'throw'] as const) {
    // call() written out for the arguments as they came: passing `arguments` on would make
    // V8 build the object on every step.
    replaceMethod<Method>(prototype, name, (original) => ({
      [name](this: AsyncGenerator) {
        // A return() that a `yield*` forwards after awaiting its value, from the microtask
        // queue: in the frame of the delegating generator's latest call.
        if (name === 'return' && generatorCalls.depth === 0) {
          const frame = delegatorFrame(this);
          if (frame !== undefined) return runInFrame(frame, call, undefined, [this, original, Array.prototype.slice.call(arguments)]);
        }
        // The body runs with the Variables of where the generator was created (generator-creation.ts).
        const caller = enterBody(this);
        atResume(this);
        generatorCalls.depth++;
        const previous = callingGenerator(this);
        const running = runningGenerator(this);
        try {
          return Reflect.apply(original, this, arguments);
        } finally {
          endRunningGenerator(running);
          callingGenerator(previous);
          generatorCalls.depth--;
          leaveBody(caller);
        }
      },
    })[name] as Method);
  }
}
