// waits-for: transform
// Seed examples (Class AsyncLocalStorage "user authentication", new AsyncLocalStorage
// "database query"): async functions open run() after an await or await inside run();
// the stores reach the functions they call. The database is a timer stand-in.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const asyncLocalStorage = new AsyncLocalStorage();
const authenticateUser = (req) => new Promise((r) => setTimeout(r, 1, { name: req.name }));
const database = { query: (q) => new Promise((r) => setTimeout(r, 2, `rows(${q})`)) };
let currentUser = 0;
const getCurrentUserId = () => `user-${++currentUser}`;

async function loginUser(req, res) {
  const user = await authenticateUser(req);
  asyncLocalStorage.run(new Map(), () => {
    asyncLocalStorage.getStore().set('user', user);
    doSomething();
    doAnotherThing();
  });
}

function doSomething() {
  const user = asyncLocalStorage.getStore().get('user');
  log('Current user in doSomething:', user.name);
}

function doAnotherThing() {
  const user = asyncLocalStorage.getStore().get('user');
  log('Current user in doAnotherThing:', user.name);
}

function fetchDataFromDatabase(query) {
  return asyncLocalStorage.run(new Map(), async () => {
    asyncLocalStorage.getStore().set('userId', getCurrentUserId());
    const result = await database.query(query);
    const userId = asyncLocalStorage.getStore().get('userId');
    log(`User ${userId} fetched data from database.`);
    return result;
  });
}

loginUser({ name: 'alice' }, {});
loginUser({ name: 'bob' }, {});
fetchDataFromDatabase('q1').then((r) => log('result', r, 'outside store', asyncLocalStorage.getStore()));
fetchDataFromDatabase('q2');
