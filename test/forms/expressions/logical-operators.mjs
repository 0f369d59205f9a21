// Await with logical operators, ?? and logical assignment.
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
async function main() {
  see('or ' + ((await later(0)) || await later('fallback')));
  see('and ' + ((await later(1)) && await later('second')));
  see('nullish ' + ((await later(undefined)) ?? await later('default')));
  let a = null;
  a ??= await later('assigned');
  let b = 0;
  b ||= await later('or-assigned');
  let c = 1;
  c &&= await later('and-assigned');
  see([a, b, c].join(' '));
}

export default main;
