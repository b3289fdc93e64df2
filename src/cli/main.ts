#!/usr/bin/env node
import { StrategyFailure } from '../errors.js';
import { lastStrategyRun } from '../strategy-contract/index.js';
import { describeError, EXIT_FAILURE } from './errors.js';
import { runCli } from './run-cli.js';

// Only this file ends the process: code elsewhere (a strategy's leftover timer) calling
// process.exit must not pass for a finished run.
const exit: (code: number) => never = process.exit.bind(process);
process.exit = ((code?: number | string | null) => {
  fail(new Error(`process.exit(${code ?? ''}) was called before the run finished`));
}) as typeof process.exit;

/** An error outside the command's own flow: one line naming the strategy that ran last, exit 1. */
function fail(error: unknown): never {
  const strategy = lastStrategyRun().label;
  const named =
    strategy === undefined || error instanceof StrategyFailure
      ? error
      : new StrategyFailure(
          strategy,
          `(or a timer it left running) failed: ${String((error as Error)?.message ?? error)}`,
          { cause: error },
        );
  process.stderr.write(`${describeError(named, process.argv.includes('--debug'))}\n`);
  exit(EXIT_FAILURE);
}
process.on('uncaughtException', (error) => {
  // During a strategy's run its guard turns the error into that run's failure.
  if (!lastStrategyRun().running) fail(error);
});

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') exit(0);
  const reason = error.code === 'ENOSPC' ? 'no space left on the device (ENOSPC)' : error.code;
  process.stderr.write(`nn-timing: cannot write to standard output: ${reason ?? error.message}\n`);
  exit(EXIT_FAILURE);
});

const code = await runCli(process.argv.slice(2));
// Flush what was written, then exit even if a library or strategy left a handle open.
await new Promise<void>((done) => process.stdout.write('', () => done()));
await new Promise<void>((done) => process.stderr.write('', () => done()));
exit(code);
