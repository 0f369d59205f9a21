// `anyctx/opentelemetry/user-interaction`: OpenTelemetry's user-interaction spans on the task
// tracker (docs/tracker.md). Its types are OpenTelemetry's own (`@opentelemetry/api`).
import type { Span, TracerProvider } from '@opentelemetry/api';

/** The element an event was fired at (an HTMLElement; typed without the DOM library). */
export interface InteractionElement {
  readonly tagName: string;
  hasAttribute(name: string): boolean;
}

export interface UserInteractionInstrumentationConfig {
  /** Enabled on construction (else by enable()). Default true. */
  enabled?: boolean;
  /** The event types that make spans. Default `['click']`. */
  eventNames?: string[];
  /** Returns true to end and drop the span made for this event. */
  shouldPreventSpanCreation?(eventType: string, element: InteractionElement, span: Span): boolean | void;
}

/**
 * A span per event of the configured types (`click`) on an element, named for the event's
 * type, active in every listener of that event (added with addEventListener), and ended when
 * the work those listeners started, transitively, is done: timers, fetch, XMLHttpRequest,
 * promise reactions and `await` (in code rewritten by anyctx-build) included. Each event has
 * its own TaskTracker, so interactions at once are tracked apart. OpenTelemetry's
 * Instrumentation interface: pass it to `registerInstrumentations`.
 */
export declare class UserInteractionInstrumentation {
  constructor(config?: UserInteractionInstrumentationConfig);
  readonly instrumentationName: string;
  readonly instrumentationVersion: string;
  setTracerProvider(provider: TracerProvider): void;
  /** No metrics. */
  setMeterProvider(): void;
  setConfig(config: UserInteractionInstrumentationConfig): void;
  getConfig(): UserInteractionInstrumentationConfig;
  /** Wraps the listeners added from now on. */
  enable(): void;
  /** New listeners are no longer wrapped; wrapped ones no longer make spans. */
  disable(): void;
}
