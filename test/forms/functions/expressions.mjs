// Async function expressions, named and anonymous.
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
const named = async function named(x) { await later(); see('named ' + x); return x; };
const anonymous = async function () { await null; see('anonymous'); };
const main = async function () {
  see('returned ' + await named(1));
  await anonymous();
  see('after anonymous');
};

export default main;
