// For await: break and continue to an outer label.
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
async function* numbers() { yield 1; await later(); yield 2; }
async function main() {
  outer: for (const round of [1, 2]) {
    for await (const n of numbers()) {
      if (round === 1) continue outer;
      break outer;
    }
  }
  see('after break to the outer label');
  await later();
  see('after the next await');
  block: { for await (const n of numbers()) break block; }
  see('after break out of a labelled block');
}

export default main;
