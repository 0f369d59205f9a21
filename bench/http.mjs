// The HTTP benchmark: one bench/http-server.mjs process per engine and Node, all started
// and warmed up first, then loaded one at a time, in rounds, by one bench/http-load.mjs
// process under the runner's own Node (the same load for every server). Short loads in
// many rounds rather than one long load each: a burst of work from another program then
// spoils some rounds of a server, which the table can leave out (bench/http-table.mjs).
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nowNs } from './clock.mjs';

const SERVER = fileURLToPath(new URL('./http-server.mjs', import.meta.url));
const LOAD = fileURLToPath(new URL('./http-load.mjs', import.meta.url));
const ENGINE_ORDER = ['baseline', 'native', 'portable'];
// /proc/stat counts in units of USER_HZ, which Linux fixes at 100 per second.
const PROC_STAT_TICK_NS = 1e7;

// CPU time the whole machine spent busy (steal included: time the hypervisor gave to
// someone else), in ns; undefined where there is no /proc/stat.
function machineBusyNs() {
  try {
    const [user, nice, system, , , irq, softirq, steal = 0] = readFileSync('/proc/stat', 'utf8')
      .split('\n', 1)[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return (user + nice + system + irq + softirq + steal) * PROC_STAT_TICK_NS;
  } catch {
    return undefined;
  }
}

// A forked helper process and its replies, one request at a time.
class Helper {
  #child;
  #stderr = '';

  constructor(path, args, execPath, cwd) {
    this.#child = fork(path, args, { execPath, cwd, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    this.#child.stderr.on('data', (chunk) => (this.#stderr += chunk));
    // A failed spawn or send: the 'exit' that follows (or the kill in close()) ends waits.
    this.#child.on('error', (error) => (this.#stderr += `Error: ${error.message}\n`));
  }

  get exited() {
    return this.#child.exitCode !== null || this.#child.signalCode !== null;
  }

  #failure(fallback) {
    const errorLine = this.#stderr.split('\n').find((line) => /Error/.test(line));
    return new Error(errorLine?.trim().slice(0, 100) ?? fallback);
  }

  // The next message that has `key`; rejects if the process exits first.
  reply(key) {
    const child = this.#child;
    return new Promise((resolve, reject) => {
      if (this.exited) {
        reject(this.#failure(`exited (code ${child.exitCode}) before sending ${key}`));
        return;
      }
      const onMessage = (message) => {
        if (message?.[key] === undefined) return;
        cleanup();
        resolve(message[key]);
      };
      const onExit = (code) => {
        cleanup();
        reject(this.#failure(`exited (code ${code}) before sending ${key}`));
      };
      const cleanup = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
    });
  }

  request(message, key) {
    const answer = this.reply(key);
    if (!this.exited) this.#child.send(message);
    return answer;
  }

  // Closing the IPC channel makes the helper exit; a kill if it is stuck.
  async close() {
    if (this.exited) return;
    const exited = once(this.#child, 'exit');
    this.#child.disconnect();
    const timer = setTimeout(() => this.#child.kill(), 5000);
    await exited;
    clearTimeout(timer);
  }
}

async function loadOnce(loader, port, seconds, connections) {
  const result = await loader.request({ port, seconds, connections }, 'load');
  if (result.error) throw new Error(`load: ${result.error}`);
  return result;
}

// One measured load of one server: its requests/s, the server's own counts over it, and
// the cores that other programs kept busy meanwhile (`othersCores`, if the machine says).
async function measureOnce(server, loader, { seconds, connections }) {
  const machineBefore = machineBusyNs();
  const runnerBefore = nowNs();
  const before = await server.helper.request('stats', 'stats');
  const load = await loadOnce(loader, server.port, seconds, connections);
  const after = await server.helper.request('stats', 'stats');
  const serverNs = after.cpuNs - before.cpuNs;
  const requests = after.requests - before.requests;
  const machineNs = machineBusyNs() - machineBefore;
  const othersNs = machineNs - serverNs - load.cpuNs - (nowNs() - runnerBefore);
  return {
    requestsPerSecond: load.requestsPerSecond,
    cpuNsPerRequest: serverNs / requests,
    serverCpuShare: serverNs / 1e9 / load.seconds,
    loadCpuShare: load.cpuNs / 1e9 / load.seconds,
    othersCores: Number.isNaN(othersNs) ? undefined : Math.max(0, othersNs) / 1e9 / load.seconds,
    misses: after.misses - before.misses,
    errors: load.errors,
  };
}

async function startServer(row, { cwd, warmupSeconds, connections }, loader) {
  const helper = new Helper(SERVER, [row.engine], row.nodePath, cwd);
  try {
    const { port, node } = await helper.reply('ready');
    row.nodeVersion ??= node;
    await loadOnce(loader, port, warmupSeconds, connections);
    return { helper, port };
  } catch (error) {
    await helper.close();
    throw error;
  }
}

// `rows`: { engine, node, nodePath } objects; each gets `http.rounds`, one result (or
// { error }) per round. In each round the servers take turns, Node 20's first, each Node's
// no-library server before its engines. Each row has `processes` server processes, which
// take turns from round to round: what V8 compiles (and inlines) differs from one process
// to the next, by more than the differences this measures.
export async function runHttpRounds(rows, { rounds, processes, seconds, warmupSeconds, connections, cwd }) {
  const order = [...rows].sort((a, b) => a.node - b.node || ENGINE_ORDER.indexOf(a.engine) - ENGINE_ORDER.indexOf(b.engine));
  const loader = new Helper(LOAD, [], process.execPath, cwd);
  const servers = new Map();
  try {
    for (const row of order) {
      row.http = { rounds: [] };
      console.error(`HTTP: starting and warming up ${row.engine} on Node ${row.node} (${processes} processes)`);
      try {
        const started = [];
        servers.set(row, started);
        for (let n = 0; n < processes; n++) started.push(await startServer(row, { cwd, warmupSeconds, connections }, loader));
      } catch (error) {
        console.error(`HTTP, ${row.engine} on Node ${row.node}: ${error.message}`);
        row.http.startError = error.message;
      }
    }
    for (let round = 1; round <= rounds; round++) {
      console.error(`HTTP round ${round}/${rounds}`);
      for (const row of order) {
        const server = row.http.startError === undefined ? servers.get(row)[(round - 1) % processes] : undefined;
        if (!server) {
          row.http.rounds.push({ error: row.http.startError });
          continue;
        }
        try {
          row.http.rounds.push(await measureOnce(server, loader, { seconds, connections }));
        } catch (error) {
          console.error(`HTTP, ${row.engine} on Node ${row.node}: ${error.message}`);
          row.http.rounds.push({ error: error.message });
        }
      }
    }
  } finally {
    await Promise.all([...servers.values()].flat().map((server) => server.helper.close()));
    await loader.close();
  }
}
