import { Command } from 'commander';
import { packageVersion } from '../run/index.js';
import { registerBacktest } from './commands/backtest.js';
import { registerCheck } from './commands/check.js';
import { registerExplain } from './commands/explain.js';
import { registerFeatures } from './commands/features.js';
import { registerInspect } from './commands/inspect.js';
import { registerPredict } from './commands/predict.js';
import { registerQueue } from './commands/queue.js';
import { registerStrategies } from './commands/strategies.js';
import { registerSweep } from './commands/sweep.js';
import { registerTrain } from './commands/train.js';
import { registerWorker } from './commands/worker.js';

/** What commands report back besides throwing: `check` and `backtest` exit 1 when they find lookahead. */
export interface CliState {
  exitCode: number;
}

const EXAMPLES = `
Examples:
  $ nn-timing backtest data/spy-1993-2023.csv
  $ nn-timing backtest --config backtests/goog-sma-cross.json
  $ nn-timing inspect data/btc-usd-2014-2022.csv
  $ nn-timing strategies
  $ nn-timing <command> --help

Exit codes: 0 ok, 1 failure (or lookahead found by check or backtest), 2 bad usage or input.`;

/** The `nn-timing` command with every subcommand. Errors are thrown, never printed by commander. */
export function buildProgram(state: CliState): Command {
  const program = new Command('nn-timing')
    .description(
      'Neural-network market timing, tested honestly: walk-forward BP networks on OHLCV CSV files, backtested after costs against buy-and-hold.',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('--debug', 'print stack traces with errors')
    .helpCommand(false)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .addHelpText('after', EXAMPLES);
  registerBacktest(program, state);
  registerSweep(program);
  registerTrain(program);
  registerPredict(program);
  registerExplain(program);
  registerInspect(program);
  registerFeatures(program);
  registerStrategies(program);
  registerCheck(program, state);
  registerWorker(program);
  registerQueue(program);
  return program;
}
