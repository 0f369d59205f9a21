// anyctx/opentelemetry as an ES module app uses it. Every line must compile, except those
// marked as expected errors, which must not.
import { AnyctxContextManager } from 'anyctx/opentelemetry';
import { ROOT_CONTEXT, context, createContextKey, type ContextManager } from '@opentelemetry/api';

// A ContextManager, as a tracer provider's register() takes it.
const manager: ContextManager = new AnyctxContextManager().enable();
context.setGlobalContextManager(manager);
const KEY = createContextKey('request');
const traced: number = manager.with(ROOT_CONTEXT.setValue(KEY, 'r1'), (a: number) => a + 1, undefined, 41);
// @ts-expect-error: the arguments follow the callback
manager.with(ROOT_CONTEXT, (a: number) => a, undefined, 'not a number');
const bound: (event: Event) => void = manager.bind(ROOT_CONTEXT, (event: Event) => void event);
const target: EventTarget = manager.bind(ROOT_CONTEXT, new EventTarget());
const disabled: AnyctxContextManager = new AnyctxContextManager().disable();

export { traced, bound, target, disabled };
