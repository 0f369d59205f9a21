// CommonJS (helpers by require).
const { observe } = require('../_lib/observe.cjs');

const { see, later } = observe();
async function sloppy() { await later(); see('sloppy this is an object ' + (typeof this === 'object')); }
async function strict() { 'use strict'; await later(); see('strict this ' + typeof this); }
async function main() { await sloppy(); await strict(); }

module.exports = main;
