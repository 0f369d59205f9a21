// docs/semantics.md §2: every tick of a setInterval runs in the frame current at scheduling; an
// enterWith inside one tick does not reach the next tick. The interval is long enough that
// the timeout a tick schedules always runs before the next tick, on any runtime.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
let ticks = 0;

const interval = als.run('scheduled', () => setInterval(function () {
  ticks += 1;
  log(`tick ${ticks} starts in`, als.getStore(), 'this is the interval', this === interval);
  als.enterWith(`entered-in-tick-${ticks}`);
  setTimeout(() => log(`timeout scheduled in tick ${ticks - 0} runs in`, als.getStore()), 0);
  if (ticks === 3) clearInterval(interval);
}, 25));
