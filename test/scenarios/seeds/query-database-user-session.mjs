// Seed example (getStore() example 2, "keeping the user session across a database
// query"): the query callback runs after a timer and still sees the session's user. The
// random delay of the original is fixed so the output is stable.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const asyncLocalStorage = new AsyncLocalStorage();

function queryDatabase(query, callback, delay) {
  setTimeout(() => {
    const userId = asyncLocalStorage.getStore().get('userId');
    log(`Running query for user ${userId}: ${query}`);
    callback(null, `Results for user ${userId}`);
  }, delay);
}

for (const [userId, delay] of [['user123', 20], ['user456', 5]]) {
  asyncLocalStorage.run(new Map(), () => {
    asyncLocalStorage.getStore().set('userId', userId);
    queryDatabase('SELECT * FROM table', (err, results) => {
      log(results);
    }, delay);
  });
}
