// QuickJS through the npm package quickjs-emscripten (QuickJS compiled to WebAssembly, run
// inside Node; it installs from the npm registry with no native binary). Not run yet: it
// needs a host written for it (timers and a job loop driven from Node, a `print`, stand-ins
// for node:fs / node:util / process that _lib/out.cjs uses, and EventEmitter for events/).
export const quickjs = {
  name: 'quickjs',
  engines: [],
  unavailable: 'quickjs-emscripten installs (WebAssembly); its runner is not written yet',
};
