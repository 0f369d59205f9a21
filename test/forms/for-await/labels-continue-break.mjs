// For await: labels, continue, break and non-block bodies.
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
async function* numbers() { for (let i = 1; i <= 3; i++) { await later(); yield i; } }
async function main() {
  loop: for await (const n of numbers()) {
    if (n === 1) continue loop;
    if (n === 3) break loop;
    see('labelled body ' + n);
  }
  see('after labelled loop');
  for await (const n of numbers()) if (n === 2) break; else see('non-block body ' + n);
  see('after non-block loop');
  for await (const n of numbers()) see('single statement body ' + n);
  a: b: for await (const n of numbers()) { if (n > 1) break a; }
  see('after two labels');
  for await (const n of numbers()) { if (n < 3) continue; see('after continue ' + n); }
}

export default main;
