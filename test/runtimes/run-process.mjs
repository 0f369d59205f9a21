// How the runtime matrix runs a command: runProgram (test/support/run-program.mjs), which
// collects what it printed in a cleaned environment (the parent's Node settings must not reach
// the runtime under test), with a scenario's time limit unless told otherwise.
import { runProgram } from '../support/run-program.mjs';

export const SCENARIO_TIMEOUT_MS = 20_000;

/** { exitCode, stdout, stderr, … } (runProgram's result); exitCode is a string when the process
 * did not end by itself. */
export function runProcess(file, args, { cwd, env, input, timeoutMs = SCENARIO_TIMEOUT_MS } = {}) {
  return runProgram(file, args, { cwd, env, input, timeout: timeoutMs });
}

/** The first line a command prints, or undefined when it cannot run. */
export async function versionOf(file, args) {
  const { exitCode, stdout } = await runProcess(file, args);
  return exitCode === 0 ? stdout.trim().split('\n')[0] : undefined;
}
