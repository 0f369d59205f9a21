// Seed example (new AsyncResource, DBQuery): a subclass runs the user's callback in
// the scope where the query object was made. The database is a timer-based stand-in.
import { AsyncLocalStorage, AsyncResource } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

// Stand-in for a driver that calls back from its own (connection) context.
const db = als.run('connection-context', () => ({
  get(query, cb) { setTimeout(() => cb(null, `rows for ${query} (driver sees ${als.getStore()})`), 1); },
}));

class DBQuery extends AsyncResource {
  constructor(db) {
    super('DBQuery');
    this.db = db;
  }

  getInfo(query, callback) {
    this.db.get(query, (err, data) => {
      this.runInAsyncScope(callback, null, err, data);
    });
  }

  close() {
    this.db = null;
    this.emitDestroy();
  }
}

for (const user of ['alice', 'bob']) {
  als.run(user, () => {
    const query = new DBQuery(db);
    query.getInfo(`q-${user}`, (err, data) => {
      log(`${user}'s callback: err=${err} data=${data} store=${als.getStore()}`);
      query.close();
      log('after close, db is', query.db);
    });
  });
}
