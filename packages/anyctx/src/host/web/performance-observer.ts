// PerformanceObserver: the callback runs in the frame in which the observer was constructed.
// Node has its own PerformanceObserver, whose callback runs in the frame of the code that
// produced the first entry of the batch: left alone there.
import { callbackInConstructionFrame } from './construction-frame';
import { presentsAsNode } from '../presents-as-node';

export function installPerformanceObserver(global: typeof globalThis): void {
  if (presentsAsNode(global)) return;
  callbackInConstructionFrame(global, 'PerformanceObserver');
}
