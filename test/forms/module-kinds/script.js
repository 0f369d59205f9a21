// Script (helpers from the global).
// A script (no import, export or require): its helpers come from the global the engine sets.

const { see, later } = globalThis.__forms.observe();
async function main() { await later(); see('script after await'); for await (const v of [later('x')]) see('script loop ' + v); }

globalThis.__forms.main = main;
