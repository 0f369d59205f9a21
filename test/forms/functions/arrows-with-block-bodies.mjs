// Async arrows with block bodies.
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
const arrow = async (x) => { await later(); see('arrow ' + x); return x * 2; };
const single = async x => { await null; see('single parameter ' + x); };
async function main() {
  see('arrow gave ' + await arrow(2));
  await single(3);
  await (async () => { await later(); see('async IIFE'); })();
}

export default main;
