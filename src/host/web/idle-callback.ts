// requestIdleCallback: the callback runs in the frame of the request. The id is the
// platform's, so cancelIdleCallback needs no change.
import { callbackInCallerFrame } from './callback-frame';

export function installIdleCallback(global: typeof globalThis): void {
  callbackInCallerFrame(global, 'requestIdleCallback');
}
