// requestAnimationFrame: the callback runs in the frame of the request. The id is the
// platform's, so cancelAnimationFrame needs no change.
import { scheduleInCallerFrame } from '../callback-scope';

export function installAnimationFrame(global: typeof globalThis): void {
  scheduleInCallerFrame(global, 'requestAnimationFrame');
}
