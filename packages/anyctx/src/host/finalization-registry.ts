// FinalizationRegistry: a rule per kind of storage. The cleanup callback sees the
// `AsyncContext.Variable` values of where the registry was constructed (the proposal's spec
// text) and no `AsyncLocalStorage` value (Node 24 runs cleanup callbacks in the empty frame).
// Installed with AsyncContext (creation-rule.ts): without Variables, cleanup callbacks run
// between tasks, in the empty frame already.

import { replaceConstructor } from './patch';
import { currentFrame, runInFrame, withCreationValues, EMPTY_FRAME } from '../core/frame';

export function installFinalizationRegistry(global: typeof globalThis): void {
  replaceConstructor(global, 'FinalizationRegistry', (Native) => (newTarget, args) => {
    if (newTarget === undefined) return Reflect.apply(Native, undefined, args); // the platform's TypeError
    const routed = Array.prototype.slice.call(args);
    const cleanup = routed[0];
    if (typeof cleanup === 'function') {
      const construction = currentFrame();
      routed[0] = function (this: unknown) {
        return runInFrame(withCreationValues(EMPTY_FRAME, construction), cleanup, this, arguments);
      };
    }
    return Reflect.construct(Native, routed, newTarget);
  });
}
