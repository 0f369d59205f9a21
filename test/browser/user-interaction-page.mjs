// anyctx/opentelemetry/user-interaction in a page, case by case; the facts are posted to
// /results and checked by test/tracker-web.test.mjs. Bundled with anyctx's esbuild plugin.
import { context, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { AnyctxContextManager } from 'anyctx/opentelemetry';
import { UserInteractionInstrumentation } from 'anyctx/opentelemetry/user-interaction';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
trace.setGlobalTracerProvider(provider);
context.setGlobalContextManager(new AnyctxContextManager());
const instrumentation = new UserInteractionInstrumentation({ shouldPreventSpanCreation: (_type, element) => element.id === 'prevented' });
instrumentation.setTracerProvider(provider);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const button = (id) => document.body.appendChild(Object.assign(document.createElement('button'), { id }));
const finished = () => exporter.getFinishedSpans().map((span) => ({
  name: span.name,
  ms: span.duration[0] * 1e3 + span.duration[1] / 1e6,
  element: span.attributes.target_element,
  xpath: span.attributes.target_xpath,
}));
const results = {};

// A click whose listener sets a 50 ms timer, and a listener on the window for the same event.
const work = button('work');
let activeInListener = false;
work.addEventListener('click', () => {
  activeInListener = trace.getActiveSpan() !== undefined;
  setTimeout(() => {}, 50);
});
let windowSawSpan = false;
const onWindow = () => {
  windowSawSpan = trace.getActiveSpan() !== undefined;
};
addEventListener('click', onWindow);
work.click();
await sleep(250);
removeEventListener('click', onWindow);
results.work = { spans: finished(), activeInListener, windowSawSpan };

// A prevented span is not exported.
exporter.reset();
button('prevented').addEventListener('click', () => {});
document.getElementById('prevented').click();
await sleep(50);
results.prevented = finished().length;

// An interval left running does not keep the span open.
exporter.reset();
let interval;
button('interval').addEventListener('click', () => {
  interval = setInterval(() => {}, 10);
});
document.getElementById('interval').click();
await sleep(100);
clearInterval(interval);
results.interval = finished().map(({ name }) => name);

// After disable(), a listener added while enabled can be removed.
exporter.reset();
let calls = 0;
const counted = () => calls++;
const removable = button('removable');
removable.addEventListener('click', counted);
instrumentation.disable();
removable.removeEventListener('click', counted);
removable.click();
await sleep(20);
results.disabled = { calls, spans: finished().length };

await fetch('/results', { method: 'POST', body: JSON.stringify(results) });
