// '#ctx' for require() by default: see portable.mjs.
module.exports = { ...require('asyncctx/portable'), engine: 'portable' };
