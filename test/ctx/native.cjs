// '#ctx' for require() under `--conditions=anyctx-native`: see native.mjs.
module.exports = { ...require('node:async_hooks'), AsyncContext: require('anyctx').AsyncContext, engine: 'native' };
