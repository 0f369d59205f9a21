// `node --import asyncctx/register app.js`: the portable engine, installed, and every module
// Node loads rewritten so that native `await` keeps the context (TypeScript too, types
// stripped). ES modules go through module.register() hooks, CommonJS through its loader.

import 'asyncctx/portable'; // external: the very engine user code importing asyncctx/portable gets
import Module from 'node:module';
import { ownFiles } from '../register/own-files';
import { hookCommonJS } from '../register/commonjs-loader';

const own = ownFiles();
// Rewritten modules carry inline source maps: stack traces show the original lines.
process.setSourceMapsEnabled(true);
hookCommonJS(own);
Module.register(own.hooks);
