import { CommanderError } from 'commander';
import { describeError, EXIT_OK, exitCodeFor } from './errors.js';
import { buildProgram, type CliState } from './program.js';

/** Commander codes whose output (help, version) is already on screen. */
const SHOWN = new Set(['commander.help', 'commander.helpDisplayed', 'commander.version']);

/** Runs the CLI on user arguments (without `node` and the script) and returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const state: CliState = { exitCode: EXIT_OK };
  try {
    await buildProgram(state).parseAsync(argv, { from: 'user' });
    return state.exitCode;
  } catch (error) {
    if (!(error instanceof CommanderError && SHOWN.has(error.code))) {
      process.stderr.write(`${describeError(error, argv.includes('--debug'))}\n`);
    }
    return exitCodeFor(error);
  }
}
