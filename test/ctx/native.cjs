// '#ctx' for require() under `--conditions=asyncctx-native`: see native.mjs.
module.exports = { ...require('node:async_hooks'), AsyncContext: require('asyncctx').AsyncContext, engine: 'native' };
