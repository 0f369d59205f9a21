// The hand-written declarations (this folder) held to the sources by `npm run typecheck`, so
// that they cannot drift: each entry exports what is declared and nothing else (by name),
// its exports satisfy the declared types, and the options are the same both ways. Nothing
// here runs: it only has to compile.

import * as transformImpl from '../src/entry/transform';
import * as registerImpl from '../src/entry/register';
import * as viteImpl from '../src/entry/vite';
import * as rollupImpl from '../src/entry/rollup';
import * as rolldownImpl from '../src/entry/rolldown';
import * as esbuildImpl from '../src/entry/esbuild';
import * as webpackImpl from '../src/entry/webpack';
import * as rspackImpl from '../src/entry/rspack';
import * as babelImpl from '../src/entry/babel';
import type { AnyctxPluginOptions as PluginOptionsImpl } from '../src/plugins/unplugin';
import type { PluginApi } from '../src/babel/babel-api';
import * as transform from './transform.js';
import * as register from './register.js';
import * as vite from './vite.js';
import * as rollup from './rollup.js';
import * as rolldown from './rolldown.js';
import * as esbuild from './esbuild.js';
import * as webpack from './webpack.js';
import * as rspack from './rspack.js';
import * as babel from './babel.js';

/** `true`, or the names one side has and the other lacks (shown by the error). */
type SameNames<Declared, Implemented> = [Exclude<keyof Declared, keyof Implemented> | Exclude<keyof Implemented, keyof Declared>] extends [never]
  ? true
  : { undeclared: Exclude<keyof Implemented, keyof Declared>; notImplemented: Exclude<keyof Declared, keyof Implemented> };
/** Each assignable to the other. */
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

// The sources satisfy the declarations.
export const satisfied = [
  transformImpl satisfies typeof transform,
  viteImpl satisfies typeof vite,
  rollupImpl satisfies typeof rollup,
  rolldownImpl satisfies typeof rolldown,
  esbuildImpl satisfies typeof esbuild,
  webpackImpl satisfies typeof webpack,
  rspackImpl satisfies typeof rspack,
  // The Babel plugin's API parameter is declared loosely (no @babel/types): what Babel
  // passes, which the source types, must satisfy it; the rest as declared.
  true satisfies Mutual<Parameters<typeof babelImpl.default>[1], babel.AnyctxBabelOptions | undefined>,
  {} as PluginApi satisfies babel.BabelPluginApi,
  babelImpl.default({} as PluginApi) satisfies ReturnType<typeof babel.default>,
];

// Every export declared, nothing declared that is not exported.
export const sameExports: true[] = [
  true satisfies SameNames<typeof transform, typeof transformImpl>,
  true satisfies SameNames<typeof register, typeof registerImpl>,
  true satisfies SameNames<typeof vite, typeof viteImpl>,
  true satisfies SameNames<typeof rollup, typeof rollupImpl>,
  true satisfies SameNames<typeof rolldown, typeof rolldownImpl>,
  true satisfies SameNames<typeof esbuild, typeof esbuildImpl>,
  true satisfies SameNames<typeof webpack, typeof webpackImpl>,
  true satisfies SameNames<typeof rspack, typeof rspackImpl>,
  true satisfies SameNames<typeof babel, typeof babelImpl>,
];

// The options and results, the same both ways.
export const sameOptions: true[] = [
  true satisfies Mutual<transform.TransformOptions, transformImpl.TransformOptions>,
  true satisfies Mutual<transform.TransformResult, transformImpl.TransformResult>,
  true satisfies Mutual<vite.AnyctxPluginOptions, PluginOptionsImpl>,
  true satisfies Mutual<babel.AnyctxBabelOptions, babelImpl.AnyctxBabelOptions>,
];
