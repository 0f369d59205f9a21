// Sync generators' next/return/throw, for the creation rule (core/generator-creation.ts): a
// body runs only inside these calls, so each runs it with the Variables of where the
// generator was created. Laid only once the program has an AsyncContext.Variable: before,
// no storage follows the rule, and every generator step of the program would pay for a layer
// that changes nothing.

import { context } from '../core/frame';
import { enterBody, leaveBody } from '../core/generator-creation';
import { replaceMethod } from './patch';

type Method = (this: Generator, value?: unknown) => IteratorResult<unknown>;

function laySyncGeneratorLayer(): void {
  const prototype = Object.getPrototypeOf(Object.getPrototypeOf((function* () {})()));
  // An index loop: laid when the first Variable is made, maybe after the program took
  // Array.prototype's iterator away.
  const names = ['next', 'return', 'throw'] as const;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    replaceMethod<Method>(prototype, name, (original) => ({
      [name](this: Generator) {
        const caller = enterBody(this);
        // Named for the body's first statement (created()), which files its creation frame.
        const previous = context.startingSync;
        context.startingSync = this;
        try {
          return Reflect.apply(original, this, arguments);
        } finally {
          context.startingSync = previous;
          leaveBody(caller);
        }
      },
    })[name] as Method);
  }
}

export function installSyncGenerator(): void {
  if (context.creationSlots.length !== 0) laySyncGeneratorLayer();
  else context.creationRuleStarts = laySyncGeneratorLayer;
}
