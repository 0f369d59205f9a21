// Runs a program in a child process and collects what it did: the one way the tests start a
// program under an engine (a Node binary from test/engines.mjs, another runtime's binary, a
// shell script).
//
//   const run = await runProgram(ORACLE, [scenario], { cwd: root, timeout: 20_000 });
//   run.exitCode   // 0, the exit code, the signal's name, or 'killed after 20000 ms'
//   run.stdout, run.stderr, run.lines, run.json()
//
// The child gets this process's environment without the settings that would change what it
// does: NODE_OPTIONS (a `--conditions` there would switch the engine), node:test's
// NODE_TEST_CONTEXT (a child that runs node:test would report to this run), FORCE_COLOR, and
// the npm_* variables `npm test` exports (npm would read its config there).
import { spawn } from 'node:child_process';
import { basename } from 'node:path';

const LEAKING_SETTINGS = /^(NODE_OPTIONS|NODE_TEST_CONTEXT|FORCE_COLOR|npm_.*)$/i;

/** This process's environment without the settings that must not reach a child. */
export const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([name]) => !LEAKING_SETTINGS.test(name)));

const DEFAULT_TIMEOUT_MS = 5 * 60_000;
const DEFAULT_MAX_OUTPUT = 1 << 30; // characters, per stream

/**
 * Runs `engine` with `args` to its end. Never rejects unless `check` is set: a program that
 * fails, times out or cannot start resolves with an `exitCode` saying so.
 *
 * @param {string | { node: string, args?: string[], name?: string }} engine the executable, or
 *   an engine of test/engines.mjs, whose `args` (Node's flags) go before `args`.
 * @param {string[]} [args] the program and its arguments.
 * @param {object} [options]
 * @param {string} [options.cwd] the working directory (also where Node resolves `#ctx` for
 *   `--eval`).
 * @param {Record<string, string | undefined>} [options.env] variables set over the cleaned
 *   environment (`undefined` removes one).
 * @param {string} [options.input] written to the child's stdin, which is closed afterwards
 *   (without it, stdin is closed at once).
 * @param {number} [options.timeout] ms before the child gets SIGKILL (default 5 minutes).
 * @param {number} [options.maxOutput] characters of stdout, or of stderr, before the child gets
 *   SIGKILL (default 2^30).
 * @param {boolean} [options.check] reject unless the program exits with 0, with its stderr in
 *   the message.
 * @returns {Promise<ProgramRun>}
 *
 * @typedef {object} ProgramRun
 * @property {number | null} code the exit code; null when it ended by a signal or never ran.
 * @property {NodeJS.Signals | null} signal the signal that ended it.
 * @property {boolean} timedOut whether it was killed for taking longer than `timeout`.
 * @property {0 | number | string} exitCode one value to compare: the exit code, else the
 *   signal's name, `killed after N ms`, `output over N characters`, or why it could not start
 *   (`ENOENT`…).
 * @property {string} stdout
 * @property {string} stderr
 * @property {string[]} lines stdout's lines, without the line break that ends the last one.
 * @property {() => any} json stdout parsed as JSON (an error that shows stdout and stderr if it
 *   is not).
 * @property {number} ms how long it ran.
 * @property {string} label the engine's name, or the command, for messages.
 */
export function runProgram(engine, args = [], options = {}) {
  const { cwd, env, input, timeout = DEFAULT_TIMEOUT_MS, maxOutput = DEFAULT_MAX_OUTPUT, check = false } = options;
  const command = typeof engine === 'string' ? engine : engine.node;
  const argv = typeof engine === 'string' ? args : [...(engine.args ?? []), ...args];
  const label = (typeof engine === 'string' ? undefined : engine.name) ?? [basename(command), ...argv].join(' ');
  const childEnv = cleanEnv();
  for (const [name, value] of Object.entries(env ?? {})) {
    if (value === undefined) delete childEnv[name];
    else childEnv[name] = value;
  }

  const started = performance.now();
  const run = new Promise((resolve) => {
    const child = spawn(command, argv, { cwd, env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = { stdout: [], stderr: [] };
    const size = { stdout: 0, stderr: 0 };
    let killedFor;
    let startError;
    const kill = (reason) => {
      if (killedFor !== undefined) return;
      killedFor = reason;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => kill('timeout'), timeout);
    for (const stream of ['stdout', 'stderr']) {
      child[stream].setEncoding('utf8');
      child[stream].on('data', (chunk) => {
        out[stream].push(chunk);
        size[stream] += chunk.length;
        if (size[stream] > maxOutput) kill('output');
      });
    }
    // A child that exits before reading its input closes the pipe: not an error of the run.
    child.stdin.on('error', () => {});
    child.stdin.end(input);
    child.on('error', (error) => {
      startError = error;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const exitCode =
        killedFor === 'timeout' ? `killed after ${timeout} ms`
        : killedFor === 'output' ? `output over ${maxOutput} characters`
        : startError ? startError.code ?? startError.message
        : code ?? signal;
      resolve(programRun({
        code: startError ? null : code, signal, timedOut: killedFor === 'timeout', exitCode,
        stdout: out.stdout.join(''), stderr: out.stderr.join(''), ms: Math.round(performance.now() - started), label,
      }));
    });
  });
  if (!check) return run;
  return run.then((result) => {
    if (result.exitCode === 0) return result;
    throw new Error(`${label} ended with ${result.exitCode}${argv.length ? ` (${argv.join(' ')})` : ''}\n${result.stderr}`);
  });
}

function programRun(fields) {
  return {
    ...fields,
    get lines() {
      const text = fields.stdout.endsWith('\n') ? fields.stdout.slice(0, -1) : fields.stdout;
      return text === '' ? [] : text.split('\n');
    },
    json() {
      try {
        return JSON.parse(fields.stdout);
      } catch (error) {
        const excerpt = (text) => (text.length > 2000 ? `${text.slice(0, 2000)}…` : text);
        throw new Error(`${fields.label} printed no JSON (${error.message}); exit ${fields.exitCode}\nstdout: ${excerpt(fields.stdout)}\nstderr: ${excerpt(fields.stderr)}`);
      }
    },
  };
}
