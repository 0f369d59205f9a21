// Uncaught exceptions: Node runs 'uncaughtException' handlers in the frame that was current
// where the callback threw. Callback wrappers put their frame back on the way out, so they
// note the frame of the throw for the handler to find (process-events.ts). A build without
// Node's task sources has no such handler, and its wrappers note nothing: they call
// noteThrow under `if (__NODE_SOURCES__)`.

import { currentFrame, type Frame } from '../core/frame';

let lastThrown: unknown;
let lastThrownFrame: Frame | undefined;

/** Called from a wrapper's `catch`, before its `finally` restores the frame. */
export function noteThrow(error: unknown): void {
  lastThrown = error;
  lastThrownFrame = currentFrame();
}

/** The frame `error` was thrown in, if it is the last error a callback threw. */
export function frameOfThrow(error: unknown): Frame | undefined {
  return lastThrownFrame !== undefined && Object.is(error, lastThrown) ? lastThrownFrame : undefined;
}
