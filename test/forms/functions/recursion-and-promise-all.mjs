// Recursion and Promise.all of async functions.
import { observe } from '../_lib/observe.cjs';

const { als, see, later, failLater } = observe();
async function depth(n) { if (n === 0) return 0; await later(); return 1 + await depth(n - 1); }
async function leaf(name) { await later(); see('leaf ' + name); await null; return name; }
async function main() {
  see('depth ' + await depth(5));
  see('all ' + (await Promise.all([leaf('a'), leaf('b'), als.run('other', () => leaf('c'))])).join(','));
  see('allSettled ' + (await Promise.allSettled([leaf('d'), failLater('e')])).map((r) => r.status));
  see('race ' + await Promise.race([leaf('f'), new Promise(() => {})]));
}

export default main;
