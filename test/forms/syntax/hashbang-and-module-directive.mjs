#!/usr/bin/env node
'use strict';
// Hashbang and a module "use strict" stay first.
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
async function main() { await later(); see('strict module ' + (this === undefined)); }

export default main;
