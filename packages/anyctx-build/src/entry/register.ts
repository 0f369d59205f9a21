// `node --import anyctx-build/register app.js`: the portable engine, installed, and every module
// Node loads rewritten so that native `await` keeps the context (TypeScript too, types
// stripped). ES modules go through module.register() hooks, CommonJS through its loader.

import Module, { createRequire } from 'node:module';
import { distURL, hooksURL, ownFilesCheck } from '../register/own-files';
import { hookCommonJS } from '../register/commonjs-loader';

const dist = distURL();
const requireRuntime = createRequire(hooksURL(dist));
// Rewritten modules carry inline source maps: stack traces show the original lines.
process.setSourceMapsEnabled(true);
hookCommonJS(ownFilesCheck(requireRuntime.resolve('anyctx/portable'), dist));
Module.register(hooksURL(dist));
// The engine comes after Node's module-hooks machinery: what that starts (the loader thread,
// its ports, the ticks that resume its streams) is Node's own, not async resources made
// through the engine, which a hook enabled by the program would see run without an `init`.
// Required, not imported, so that it loads after the lines above in both builds (a bundled
// ES module's imports would be evaluated first); on Node, anyctx/portable's ES entry is this
// same CommonJS module, so user code importing it gets this engine.
requireRuntime('anyctx/portable');
