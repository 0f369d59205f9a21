// anyctx-build as a CommonJS project (a webpack or Metro configuration, say) uses it. Every
// line must compile, except those marked as expected errors, which must not.
import transform = require('anyctx-build/transform');
import webpack = require('anyctx-build/webpack');
import babel = require('anyctx-build/babel');

type IsAny<T> = 0 extends 1 & T ? true : false;

const result: transform.TransformResult = transform.transform('await x');
// @ts-expect-error: no such helper style
transform.transform('await x', { helpers: 'inline' });
const plugin = webpack.anyctxWebpack({ runtime: 'anyctx/portable' });
false satisfies IsAny<typeof plugin>;
false satisfies IsAny<typeof babel.default>;

export = { result, plugin, babel: babel.anyctxBabelPlugin };
