// waits-for: transform
// Ways context gets lost (DESIGN): thenables, as ORMs return them. A query builder with
// chained methods is awaited directly; its then() runs the query on a shared driver whose
// callbacks come back from the driver's own store. Each request sees its own store after
// every query, and a failed query lands in the request's catch.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

// One driver for every request: it answers queued queries in batches, from its own store.
const driver = {
  queue: [],
  send(sql, callback) {
    this.queue.push({ sql, callback });
    if (this.queue.length === 1) als.run('driver', () => setTimeout(() => this.flush(), 1));
  },
  flush() {
    const batch = this.queue.splice(0);
    for (const { sql, callback } of batch) {
      if (sql.includes('missing')) callback(new Error(`no table in: ${sql}`));
      else callback(null, [`row of ${sql}`]);
    }
  },
};

class QueryBuilder {
  constructor(table) {
    this.parts = [`select * from ${table}`];
  }
  where(condition) {
    this.parts.push(`where ${condition}`);
    return this;
  }
  limit(n) {
    this.parts.push(`limit ${n}`);
    return this;
  }
  then(onFulfilled, onRejected) {
    log('then() called for', this.parts[0], 'in', als.getStore());
    return new Promise((resolve, reject) => {
      driver.send(this.parts.join(' '), (error, rows) => (error ? reject(error) : resolve(rows)));
    }).then(onFulfilled, onRejected);
  }
}
const db = (table) => new QueryBuilder(table);

async function request(user) {
  const users = await db('users').where(`name = '${user}'`).limit(1);
  log(user, 'got', users[0], 'in', als.getStore());
  const orders = await db('orders').where(`user = '${user}'`);
  log(user, 'got', orders[0], 'in', als.getStore());
  try {
    await db('missing');
  } catch (e) {
    log(user, 'query failed:', e.message.slice(0, 12), 'in', als.getStore());
  }
  return user;
}

als.run('alice', () => request('alice'));
als.run('bob', () => request('bob')).then((v) => log('bob done', v, 'in', als.getStore()));
