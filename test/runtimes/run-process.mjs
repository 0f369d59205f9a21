// Runs one command to its end and collects what it printed, as every runner needs.
import { execFile } from 'node:child_process';

export const SCENARIO_TIMEOUT_MS = 20_000;

// The parent's Node settings must not reach the runtime under test.
const childEnv = { ...process.env };
delete childEnv.NODE_OPTIONS;
delete childEnv.NODE_TEST_CONTEXT;

/** { exitCode, stdout, stderr }; exitCode is a string when the process did not end by itself. */
export function runProcess(file, args, { cwd, env, input, timeoutMs = SCENARIO_TIMEOUT_MS } = {}) {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      { cwd, env: { ...childEnv, ...env }, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        const exitCode = error ? (error.killed ? `killed after ${timeoutMs} ms` : error.code ?? error.signal) : 0;
        resolve({ exitCode, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin.end(input);
  });
}

/** The first line a command prints, or undefined when it cannot run. */
export async function versionOf(file, args) {
  const { exitCode, stdout } = await runProcess(file, args);
  return exitCode === 0 ? stdout.trim().split('\n')[0] : undefined;
}
