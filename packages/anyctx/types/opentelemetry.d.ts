// `anyctx/opentelemetry`: OpenTelemetry's context manager on the engine. Its types are
// OpenTelemetry's own (`@opentelemetry/api`, an optional peer dependency: installed by an
// app that traces).
import type { Context, ContextManager } from '@opentelemetry/api';

/**
 * OpenTelemetry's `ContextManager` on an `AsyncLocalStorage` of `anyctx`: the active context
 * follows every task source the engine instruments, and native `await` in code rewritten by
 * anyctx-build, with no zone.js. Register it with the tracer provider:
 * `provider.register({ contextManager: new AnyctxContextManager() })`.
 */
export declare class AnyctxContextManager implements ContextManager {
  /** The context of the current flow; `ROOT_CONTEXT` outside any. */
  active(): Context;
  /** Calls `fn` with `thisArg` and `args` in `context`, and returns what it returns. */
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(context: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F>;
  /**
   * `target` bound to `context`: a function runs in it; the listeners an EventTarget or an
   * event emitter is given from then on run in it, and can be removed by the function the
   * caller holds. Anything else is returned as it is.
   */
  bind<T>(context: Context, target: T): T;
  /** Does nothing: the manager works from construction on. */
  enable(): this;
  /** Leaves every context: `active()` is the root context until `with` is called again. */
  disable(): this;
}
