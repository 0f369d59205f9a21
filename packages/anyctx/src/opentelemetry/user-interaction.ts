// OpenTelemetry's user-interaction spans on the task tracker: a span per event of the names
// configured (`click` by default) on an element, active in every listener of that event, and
// ended when the work they started, transitively, is done (the event's tracker turns idle),
// as OpenTelemetry's own instrumentation does only with zone.js. Each event has its own
// tracker: two interactions at once are tracked apart.
//
// The same shape as OpenTelemetry's `@opentelemetry/instrumentation-user-interaction` without
// zone.js (listeners added with addEventListener are wrapped; the span's name is the event's
// type, with its attributes), so that an app switches by changing the import. It implements
// OpenTelemetry's Instrumentation interface for registerInstrumentations.

import { context, trace, type Span, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { TaskTracker } from 'anyctx/tracker';

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

const NAME = 'anyctx/opentelemetry/user-interaction';

type ListenerLike = EventListenerOrEventListenerObject;

interface Interaction {
  span: Span;
  tracker: TaskTracker;
}

export class UserInteractionInstrumentation {
  readonly instrumentationName = NAME;
  readonly instrumentationVersion = __ANYCTX_VERSION__;
  #config: UserInteractionInstrumentationConfig;
  #tracer: Tracer;
  #enabled = false;
  /** The wrapper registered for each listener (one per listener, whatever the target). */
  readonly #wrappers = new WeakMap<object, EventListener>();
  /** The interaction of each event being dispatched, shared by all its listeners. */
  readonly #interactions = new WeakMap<Event, Interaction | null>();
  #patched = false;

  constructor(config: UserInteractionInstrumentationConfig = {}) {
    this.#config = { ...config };
    this.#tracer = trace.getTracer(NAME, this.instrumentationVersion);
    if (config.enabled !== false) this.enable();
  }

  setTracerProvider(provider: TracerProvider): void {
    this.#tracer = provider.getTracer(NAME, this.instrumentationVersion);
  }

  /** No metrics. */
  setMeterProvider(): void {}

  setConfig(config: UserInteractionInstrumentationConfig): void {
    this.#config = { ...config };
  }

  getConfig(): UserInteractionInstrumentationConfig {
    return this.#config;
  }

  /** Wraps the listeners added from now on; those added while disabled stay unwrapped. */
  enable(): void {
    this.#enabled = true;
    if (this.#patched || typeof EventTarget === 'undefined') return;
    this.#patched = true;
    // The engine may have put the global's own addEventListener (a layer): it is patched too.
    for (const holder of [EventTarget.prototype, globalThis]) {
      if (!Object.hasOwn(holder, 'addEventListener') || !Object.hasOwn(holder, 'removeEventListener')) continue;
      this.#patch(holder as EventTarget);
    }
  }

  /**
   * Listeners added from now on are not wrapped, and wrapped ones make no span. The patched
   * removeEventListener stays: it removes the wrappers of listeners added while enabled.
   */
  disable(): void {
    this.#enabled = false;
  }

  #patch(holder: EventTarget): void {
    const add = holder.addEventListener;
    const remove = holder.removeEventListener;
    const instrumentation = this;
    holder.addEventListener = function addEventListener(this: EventTarget, type: string, listener: ListenerLike | null, options?: boolean | AddEventListenerOptions) {
      const wrapped = instrumentation.#enabled && listener !== null && (typeof listener === 'function' || typeof listener === 'object') && instrumentation.#traces(type);
      return add.call(this, type, wrapped ? instrumentation.#wrap(listener!) : listener, options);
    };
    holder.removeEventListener = function removeEventListener(this: EventTarget, type: string, listener: ListenerLike | null, options?: boolean | EventListenerOptions) {
      const wrapper = listener === null ? undefined : instrumentation.#wrappers.get(listener);
      if (wrapper !== undefined) remove.call(this, type, wrapper, options);
      return remove.call(this, type, listener, options);
    };
  }

  #traces(type: string): boolean {
    return (this.#config.eventNames ?? ['click']).includes(type);
  }

  #wrap(listener: ListenerLike): EventListener {
    let wrapper = this.#wrappers.get(listener);
    if (wrapper !== undefined) return wrapper;
    const instrumentation = this;
    wrapper = function (this: unknown, event: Event) {
      const call = () => typeof listener === 'function' ? listener.call(this, event) : listener.handleEvent(event);
      const interaction = instrumentation.#interactionOf(event);
      if (interaction === undefined) return call();
      return interaction.tracker.run(() => context.with(trace.setSpan(context.active(), interaction.span), call));
    };
    this.#wrappers.set(listener, wrapper);
    return wrapper;
  }

  /** The event's interaction, made by its first listener: none where the event makes no span. */
  #interactionOf(event: unknown): Interaction | undefined {
    if (!this.#enabled || typeof Event === 'undefined' || !(event instanceof Event)) return undefined;
    const known = this.#interactions.get(event);
    if (known !== undefined) return known ?? undefined;
    const element = event.target;
    let interaction: Interaction | null = null;
    if (typeof HTMLElement !== 'undefined' && element instanceof HTMLElement && !element.hasAttribute('disabled') && this.#traces(event.type)) {
      const span = this.#tracer.startSpan(event.type, {
        attributes: {
          event_type: event.type,
          target_element: element.tagName,
          target_xpath: xpathOf(element),
          'http.url': location.href,
        },
      });
      // A prevented span is never ended, so never exported (as OpenTelemetry's instrumentation does).
      if (this.#config.shouldPreventSpanCreation?.(event.type, element, span) !== true) {
        // Intervals left running would keep the span open for good (zone.js's instrumentation
        // does not count periodic tasks either).
        const tracker = new TaskTracker({ name: `${event.type} interaction`, ignoreIntervals: true });
        const stop = tracker.onIdle(() => {
          stop();
          span.end();
        });
        interaction = { span, tracker };
      }
    }
    this.#interactions.set(event, interaction);
    return interaction ?? undefined;
  }
}

/** The element's XPath: by id where it has one (OpenTelemetry's `target_xpath`), else by position. */
function xpathOf(element: Element): string {
  const steps: string[] = [];
  for (let node: Element | null = element; node !== null; node = node.parentElement) {
    if (node.id !== '') {
      steps.unshift(`//*[@id="${node.id}"]`);
      return steps.join('/');
    }
    let index = 1;
    for (let sibling = node.previousElementSibling; sibling !== null; sibling = sibling.previousElementSibling) {
      if (sibling.tagName === node.tagName) index++;
    }
    steps.unshift(`${node.tagName.toLowerCase()}[${index}]`);
  }
  return `/${steps.join('/')}`;
}
