// Nested await await.
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
async function main() {
  see('double ' + await await later('x'));
  see('promise of a promise ' + await await later(later('y')));
  see('thenable of a promise ' + await (await later({ then: (resolve) => resolve(later('z')) })));
  see('triple ' + await await await null);
}

export default main;
