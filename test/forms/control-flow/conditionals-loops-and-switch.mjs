// Await in conditionals, loops and switch.
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
async function main() {
  see((await later(true)) ? await later('yes') : await later('no'));
  if (await later(false)) see('not here'); else see('else branch');
  let n = 2;
  while (await later(n--) > 0) see('while body');
  do { see('do body'); } while (await later(false));
  for (let i = await later(0); i < (await later(2)); i += await later(1)) see('for ' + i);
  switch (await later('k')) {
    case await later('j'): see('wrong case'); break;
    case await later('k'): see('matching case'); break;
  }
}

export default main;
