// timeout.refresh() restarts a timer; its callback keeps the frame captured when it was
// first scheduled, whatever frame refresh() is called from.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const events = [];

const timer = als.run('scheduled', () => setTimeout(() => log('refreshed timer runs in', als.getStore(), 'after', events.join(',')), 30));
als.run('refresher', () => setTimeout(() => {
  events.push('refresh');
  als.run('inside-refresh', () => timer.refresh());
}, 5));
