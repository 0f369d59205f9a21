// The load for the HTTP benchmark, in a process of its own so that it does not share the
// servers' threads: autocannon against a port of 127.0.0.1 for a bounded time.
// Usage (forked by bench/http.mjs): node bench/http-load.mjs
//   ← { port, seconds, connections }
//   → { load: { requests, seconds, requestsPerSecond, errors, cpuNs } }
// It exits when the IPC channel closes, and by itself after TIME_LIMIT_MS.
import autocannon from 'autocannon';

const TIME_LIMIT_MS = 600_000;

async function loadServer({ port, seconds, connections }) {
  const cpuAtStart = process.cpuUsage();
  const result = await autocannon({ url: `http://127.0.0.1:${port}/`, duration: seconds, connections, pipelining: 1 });
  const { user, system } = process.cpuUsage(cpuAtStart);
  return {
    requests: result.requests.total,
    seconds: result.duration,
    requestsPerSecond: result.requests.total / result.duration,
    errors: result.errors + result.timeouts + result.non2xx,
    cpuNs: (user + system) * 1000,
  };
}

process.on('message', async (message) => {
  try {
    process.send({ load: await loadServer(message) });
  } catch (error) {
    process.send({ load: { error: error.message } });
  }
});
process.on('disconnect', () => process.exit(0));
setTimeout(() => {
  console.error(`http-load: still running after ${TIME_LIMIT_MS / 1000} s, exiting`);
  process.exit(2);
}, TIME_LIMIT_MS).unref();
