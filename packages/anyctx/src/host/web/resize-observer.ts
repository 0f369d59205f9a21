// ResizeObserver: the callback runs in the frame in which the observer was constructed.
import { callbackInConstructionFrame } from './construction-frame';

export function installResizeObserver(global: typeof globalThis): void {
  callbackInConstructionFrame(global, 'ResizeObserver');
}
