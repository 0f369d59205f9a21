// "use strict" directives in functions.
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
async function strict() { 'use strict'; await later(); see('strict ' + (this === undefined)); }
const arrow = async () => { "use strict"; await later(); see('strict arrow'); };
async function main() { await strict(); await arrow(); }

export default main;
