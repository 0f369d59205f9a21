// `anyctx/opentelemetry/user-interaction`: OpenTelemetry's user-interaction spans, lasting
// until the interaction's work is done, on the task tracker (its own entry: it brings the
// tracker, which the context manager alone does not need).
export { UserInteractionInstrumentation } from '../opentelemetry/user-interaction';
export type { InteractionElement, UserInteractionInstrumentationConfig } from '../opentelemetry/user-interaction';
