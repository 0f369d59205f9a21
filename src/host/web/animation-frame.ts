// requestAnimationFrame: the callback runs in the frame of the request. The id is the
// platform's, so cancelAnimationFrame needs no change.
import { callbackInCallerFrame } from './callback-frame';

export function installAnimationFrame(global: typeof globalThis): void {
  callbackInCallerFrame(global, 'requestAnimationFrame');
}
