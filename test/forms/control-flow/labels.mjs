// Labels on blocks and loops.
import { observe } from '../_lib/observe.cjs';

const { als, see, later } = observe();
async function main() {
  block: { await later(); see('in labelled block'); if (als.getStore()) break block; see('not reached'); }
  see('after labelled block');
  loop: for (let i = 0; i < 3; i++) { await later(); if (i === 1) continue loop; see('loop ' + i); }
  outer: while (true) { inner: for (;;) { await later(); break outer; } }
  see('after nested labelled loops');
}

export default main;
