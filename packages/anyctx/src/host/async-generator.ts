// Async generators' next/return/throw: they resume a paused generator synchronously, in
// the caller's frame, unless it is busy (then it resumes later from the microtask queue).
// The transformed generator body tells the two apart by whether such a call is on the stack
// (or a Promise executor, where async generators lowered by Babel resume: promise-constructor.ts).
// The call also names the generator, so that its body's call is found by a later return().

import { atReturn, callingGenerator, generatorCalls } from '../core/async-generator-body';
import { replaceMethod } from './patch';

type Method = (this: AsyncGenerator, value?: unknown) => Promise<IteratorResult<unknown>>;

export function installAsyncGenerator(): void {
  const prototype = Object.getPrototypeOf(Object.getPrototypeOf((async function* () {})()));
  for (const name of ['next', 'return', 'throw'] as const) {
    replaceMethod<Method>(prototype, name, (original) => ({
      [name](this: AsyncGenerator) {
        if (name === 'return') atReturn(this);
        generatorCalls.depth++;
        const previous = callingGenerator(this);
        try {
          return Reflect.apply(original, this, arguments);
        } finally {
          callingGenerator(previous);
          generatorCalls.depth--;
        }
      },
    })[name] as Method);
  }
}
