// The per-call record of a rewritten async function, async generator or module body: which
// context frame its resumed pieces run in (`inner`), which one to put back when a piece ends
// (`outer`), and where the call stands (`phase`). Named for what it belongs to, one call, and
// not a "frame": a Frame (frame.ts) is the context itself, and this record only remembers
// two of them across a suspension. Nothing else is kept across it.

import { EMPTY_FRAME, type Frame } from './frame';

// A const enum: the bundler writes the numbers in, where module-level constants would be
// loaded and checked at every await.
export const enum Phase {
  /** Running in the caller's frame: the synchronous part, or after a generator's `yield`. */
  Synchronous,
  Suspended,
  /** Running a resumed piece: `inner` is current, `outer` must be put back when it ends. */
  Resumed,
  /** An async generator paused at `yield`; `inner` is the frame it yielded in. */
  Yielded,
}

export class AsyncCall {
  inner: Frame = EMPTY_FRAME;
  outer: Frame = EMPTY_FRAME;
  phase = Phase.Synchronous;
  /** While a hook is enabled: the PROMISE resource of the pending await (await-resources.ts). */
  hooked?: AwaitResource;
}

/** The PROMISE resource of an await and the execution context its continuation replaced. */
export interface AwaitResource {
  asyncId: number;
  trigger: number;
  resource: object;
  savedId: number;
  savedTrigger: number;
  savedResource: object;
}
