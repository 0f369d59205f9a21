// `node --import anyctx-build/register app.js`: installs the portable engine and rewrites
// every module Node loads. Imported for its effect: it exports nothing.
export {};
