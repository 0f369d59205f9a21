// anyctx/opentelemetry: OpenTelemetry's context manager on the engine (its own entry, so an
// app that does not import it has none of it).
export { AnyctxContextManager } from '../opentelemetry/context-manager';
