// Constants the build writes in (packages/anyctx/build-options.mjs), so that code a build
// cannot use is compiled out of it.

/** Whether this build has Node's task sources (src/host/node-sources.ts): false in the browser build. */
declare const __NODE_SOURCES__: boolean;

/** The runtime's version (packages/anyctx/package.json), registered on the global at install. */
declare const __ANYCTX_VERSION__: string;
