// `node --import anyctx-build/register app.js`: the portable engine, installed, and every module
// Node loads rewritten so that native `await` keeps the context (TypeScript too, types
// stripped). ES modules go through module.register() hooks, CommonJS through its loader.

import 'anyctx/portable'; // external: the very engine user code importing anyctx/portable gets
import Module, { createRequire } from 'node:module';
import { distURL, hooksURL, ownFilesCheck } from '../register/own-files';
import { hookCommonJS } from '../register/commonjs-loader';

const dist = distURL();
// Rewritten modules carry inline source maps: stack traces show the original lines.
process.setSourceMapsEnabled(true);
hookCommonJS(ownFilesCheck(createRequire(hooksURL(dist)).resolve('anyctx/portable'), dist));
Module.register(hooksURL(dist));
