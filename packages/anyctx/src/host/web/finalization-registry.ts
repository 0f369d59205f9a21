// FinalizationRegistry: the cleanup callback runs in the frame in which the registry was
// constructed (where the callback was handed over), as the AsyncContext proposal has it.
// Node 24 runs cleanup callbacks in the empty frame instead; where Node's rule applies
// (a runtime that presents itself as Node) the registry is left alone.

import { callbackInConstructionFrame } from './construction-frame';
import { presentsAsNode } from '../presents-as-node';

export function installFinalizationRegistry(global: typeof globalThis): void {
  if (presentsAsNode(global)) return;
  callbackInConstructionFrame(global, 'FinalizationRegistry');
}
