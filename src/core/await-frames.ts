// The runtime half of the await transform: per invocation of a transformed async function,
// the frame to resume with and the frame to put back, so that native `await` keeps the
// context without an extra promise or tick.
//
//   async function f() {
//     const $f = enter();                          // the synchronous part runs in the
//     try {                                        // caller's frame, untouched
//       const x = resume($f, await suspend($f, EXPR));
//       ...                                        // catch/finally blocks start with recover($f)
//     } finally { leave($f); }
//   }
//
// suspend() runs just after EXPR is evaluated and before the engine suspends the function;
// resume() runs first thing when the engine resumes it, from whatever frame the microtask
// queue left current. The awaited value passes through untouched.

import { currentFrame, restoreFrame, EMPTY_FRAME, type Frame } from './frame';

/** Running in the caller's frame: the synchronous part, or after a generator's `yield`. */
const SYNCHRONOUS = 0;
const SUSPENDED = 1;
/** Running a resumed piece: `inner` is current, `outer` must be put back when it ends. */
const RESUMED = 2;

export class AwaitFrame {
  inner: Frame = EMPTY_FRAME;
  outer: Frame = EMPTY_FRAME;
  state = SYNCHRONOUS;
}

export function enter(): AwaitFrame {
  return new AwaitFrame();
}

/** Before a suspension: remember the frame to resume with, put back the outer one. */
export function suspend<T>(f: AwaitFrame, value: T): T {
  f.inner = currentFrame();
  if (f.state === RESUMED) restoreFrame(f.outer);
  f.state = SUSPENDED;
  return value;
}

/** After a resumption: make the remembered frame current again. */
export function resume<T>(f: AwaitFrame, value: T): T {
  if (f.state === SUSPENDED) {
    f.outer = currentFrame();
    restoreFrame(f.inner);
    f.state = RESUMED;
  }
  return value;
}

/** At the start of catch and finally blocks: a rejected await resumes there. */
export function recover(f: AwaitFrame): void {
  resume(f, undefined);
}

/**
 * Before an async generator's `yield`: the generator is resumed by the next `next()` call,
 * synchronously, in that caller's frame (Node's rule), so it continues as a synchronous part.
 */
export function yielding<T>(f: AwaitFrame, value: T): T {
  if (f.state === RESUMED) restoreFrame(f.outer);
  f.state = SYNCHRONOUS;
  return value;
}

/** On return or throw: put back the frame the resumed piece found. */
export function leave(f: AwaitFrame): void {
  if (f.state === RESUMED) restoreFrame(f.outer);
  f.state = SYNCHRONOUS;
}
