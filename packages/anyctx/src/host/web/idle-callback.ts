// requestIdleCallback: the callback runs in the frame of the request. The id is the
// platform's, so cancelIdleCallback needs no change.
import { scheduleInCallerFrame } from '../callback-scope';

export function installIdleCallback(global: typeof globalThis): void {
  scheduleInCallerFrame(global, 'requestIdleCallback');
}
