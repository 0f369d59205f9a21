// '#ctx' for require() by default: see portable.mjs.
module.exports = { ...require('anyctx/portable'), engine: 'portable' };
