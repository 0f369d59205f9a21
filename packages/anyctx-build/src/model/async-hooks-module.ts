// Node's async_hooks module, by either name: what the bundler plugins and the Babel plugin
// can resolve to the engine, for libraries written for Node.

export const ASYNC_HOOKS = /^(?:node:)?async_hooks$/;
