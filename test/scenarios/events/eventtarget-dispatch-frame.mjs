// docs/semantics.md §2: EventTarget listeners run in the frame of the dispatching code, like
// EventEmitter listeners; addEventListener captures nothing. `this`, the event and the
// once option pass through untouched.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const target = new EventTarget();

als.run('registration', () => {
  target.addEventListener('ping', function (event) {
    log('function listener', event.type, event.detail ?? '', 'this is target', this === target, 'in', als.getStore());
  });
  target.addEventListener('ping', { handleEvent(event) { log('handleEvent object in', als.getStore(), event instanceof Event); } });
  target.addEventListener('ping', () => log('once listener in', als.getStore()), { once: true });
});

als.run('dispatch-1', () => target.dispatchEvent(new Event('ping')));
als.run('dispatch-2', () => setTimeout(() => target.dispatchEvent(new Event('ping')), 1));

// AbortSignal is an EventTarget too: 'abort' listeners run in the frame of abort().
const controller = new AbortController();
als.run('abort-registration', () => controller.signal.addEventListener('abort', () => log('abort listener in', als.getStore(), 'reason', controller.signal.reason)));
als.run('aborting', () => controller.abort('stop'));
