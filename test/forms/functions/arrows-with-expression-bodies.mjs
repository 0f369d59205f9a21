// Async arrows with expression bodies.
import { observe } from '../_lib/observe.cjs';

const { als, see, later } = observe();
const plus = async (x) => await later(x) + ':' + als.getStore();
const bare = async x => await x;
const sequence = async () => (await later('a'), see('inside a sequence body'), await later('b'));
async function main() {
  see('expression body gave ' + await plus('x'));
  see('bare gave ' + await bare(later('y')));
  see('sequence gave ' + await sequence());
}

export default main;
