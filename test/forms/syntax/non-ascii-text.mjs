// Non-ASCII text before and between awaits.
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
const café = 'naïve — 日本語 😀';
async function main() {
  see(café + ' ' + await later('ü'));
  see('𝒳 ' + await later('😀') + ' ☃');
}

export default main;
