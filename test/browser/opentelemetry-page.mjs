// OpenTelemetry's context manager in the page (test/fixtures/opentelemetry-app, which takes
// AsyncLocalStorage from node:async_hooks): what it logs, posted to the server once it is
// done. The fixture is imported after console.log is wrapped, hence dynamically.
const lines = [];
const log = console.log;
console.log = (...args) => {
  lines.push(args.join(' '));
  log(...args);
};
await import('../fixtures/opentelemetry-app/main.mjs');
await fetch('/results', { method: 'POST', body: JSON.stringify(lines) });
