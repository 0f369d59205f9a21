// setImmediate / clearImmediate (Node, Bun, and some browsers' polyfills): like setTimeout.
// Where it exists, queued destroy hooks run where Node runs them: at the start of the next
// check phase, before its first setImmediate callback (Node flushes them from a native
// immediate, which runs before the phase's JavaScript ones). The engine's own immediate
// flushes them where nothing earlier did; before that, the first of the engine's immediates
// to run in a later check phase than the one they were queued in does. Immediates queued
// during a phase run in the next one: an immediate scheduled before the current phase began
// belongs to it, one scheduled since belongs to the next.

import { setDestroyScheduler } from '../core/hooks';
import { HandleIds, instrumentClearer, instrumentScheduler } from './timers';

/** The queued destroys' flush, while one is due; `dueAs` numbers it. */
let due: (() => void) | undefined;
let dueAs = 0;
/** How many immediates the engine has scheduled; those numbered below `phaseEnd` run in the current (or an earlier) check phase. */
let scheduledImmediates = 0;
let phaseEnd = 0;

function flushDue(): void {
  const flush = due;
  due = undefined;
  flush?.();
}

export function installImmediate(global: typeof globalThis): void {
  if (typeof (global as { setImmediate?: unknown }).setImmediate !== 'function') return;
  const nativeSetImmediate = global.setImmediate.bind(global);
  setDestroyScheduler((flush) => {
    due = flush;
    const as = ++dueAs;
    // Where no immediate of the engine's runs first: this one's own turn.
    nativeSetImmediate(() => {
      if (dueAs === as) flushDue();
    });
  });
  instrumentImmediate(global);
}

/** Numbers an immediate as it is scheduled. */
const numberImmediate = (): number => scheduledImmediates++;

/** Before an immediate's callback: the first one of a check phase runs the destroys due. */
function startImmediate(number: number): void {
  if (number < phaseEnd) return;
  phaseEnd = scheduledImmediates;
  if (due !== undefined) flushDue();
}

const immediateIds = /* @__PURE__ */ new HandleIds();

/** The global's setImmediate, or the one of Node's `timers` module. */
export function instrumentImmediate(holder: object): void {
  instrumentScheduler(holder, 'setImmediate', 'Immediate', false, immediateIds, numberImmediate, startImmediate);
  instrumentClearer(holder, 'clearImmediate', immediateIds);
}
