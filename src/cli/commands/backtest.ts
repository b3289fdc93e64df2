import { basename, extname, join } from 'node:path';
import type { Command } from 'commander';
import {
  pickVerdictSettings,
  VERDICT_SETTINGS,
  type VerdictSettings,
} from '../../backtest/index.js';
import { BUILTINS, runBacktestJob } from '../../builtins/index.js';
import { InputError } from '../../errors.js';
import { queueName } from '../../queue/index.js';
import {
  renderExplanations,
  renderSummaryTable,
  renderTable,
  reportJson,
} from '../../report/index.js';
import type { BacktestConfig } from '../../run/index.js';
import { DEFAULT_STRATEGY, PRINT_SETTINGS } from '../../run/index.js';
import { EXIT_FAILURE } from '../errors.js';
import { finishCsvCommand } from '../loader-options.js';
import { print } from '../options.js';
import type { CliState } from '../program.js';
import { createProgress } from '../progress.js';
import { openQueueFlag, queueOption } from '../queue-options.js';
import { addRunOptions, type RunFlags, runSettings } from '../run-options.js';
import { addSettingOptions } from '../setting-options.js';

const EXAMPLES = `
Examples:
  $ nn-timing backtest data/spy-1993-2023.csv
  $ nn-timing backtest data/goog-2004-2013.csv --strategy sma-cross --param fast=20 --param slow=100
  $ nn-timing backtest data/goog-2004-2013.csv data/orcl-1995-2014.csv --strategy rsi-reversion
  $ nn-timing backtest data/spy-1993-2023.csv --from 2005-01-01 --seeds 5 --html
  $ nn-timing backtest prices-long.csv --symbols AAPL,MSFT --strategy sma-cross
  $ nn-timing backtest data/btc-usd-2014-2022.csv --strategy ./my-strategy.ts --format json
  $ nn-timing backtest --config backtests/spy-nn-timing.json --out runs/spy-test
  $ nn-timing backtest data/goog-2004-2013.csv data/orcl-1995-2014.csv --seeds 5 --queue redis://queue-host:6379

Settings on the command line override the config file's. Outputs (report.json, equity.csv,
trades.csv, signals.csv, model.json when the strategy has a model, report.html with --html) go to
--out; with several files (or --symbols) each gets a subfolder named after the file (symbol). Both strategy and baseline
are measured from the first bar where the strategy makes a decision.

Before reporting, every strategy but nn-timing (which needs --check-lookahead) gets a quick
lookahead check; a strategy caught reading future bars gets an invalid verdict and exit code 1
(the outputs are still written). \`nn-timing check\` is the thorough test.

With --queue, the strategy runs (one per file or symbol and seed) go to 'nn-timing worker'
processes on any machine; the baseline, the checks and the outputs stay here and are the same.`;

type BacktestFlags = RunFlags & Partial<VerdictSettings> & { explain?: boolean; queue?: string };

export function registerBacktest(program: Command, state: CliState): void {
  const command = program
    .command('backtest')
    .summary('backtest a strategy against a baseline on CSV files')
    .description(
      'Backtest a strategy against a baseline (default buy-and-hold) on one or more OHLCV CSV files, after costs, and print the comparison with its bootstrap p-value.',
    )
    .argument('[csv...]', 'OHLCV CSV file(s); not needed with --config');
  addRunOptions(command);
  addSettingOptions(command, VERDICT_SETTINGS);
  command.addOption(
    queueOption(
      'run the strategy (per file or symbol and seed) on the workers of this Redis queue, redis://[:password@]host:port[/db]',
    ),
  );
  addSettingOptions(command, PRINT_SETTINGS);
  finishCsvCommand(command, EXAMPLES).action(
    async (csvs: string[], flags: BacktestFlags, cmd: Command) => {
      const settings = runSettings(csvs, flags, cmd);
      const { config, files, format } = settings;
      if (files.length === 0)
        throw new InputError('give at least one CSV file, or --config <file>');
      const strategy = settings.strategy ?? DEFAULT_STRATEGY;
      const out = settings.out ?? defaultOut(config, strategy, files);

      // Fails on a bad address or password now, before any work.
      const queue = flags.queue ? await openQueueFlag(flags.queue) : undefined;
      const progress = createProgress();
      const remote = queue
        ? (await import('../../queue/runs.js')).queueRuns({
            ...queue,
            name: queueName(basename(out)),
            onProgress: progress.onProgress,
            strategies: BUILTINS.strategies,
          })
        : undefined;
      let reports: Awaited<ReturnType<typeof runBacktestJob>>;
      try {
        reports = await runBacktestJob(
          {
            files,
            symbols: settings.symbols,
            strategy,
            params: settings.params,
            baseline: settings.baseline,
            baselineParams: settings.baselineParams,
            from: settings.from,
            to: settings.to,
            backtest: settings.backtest,
            load: settings.load,
            seed: settings.seed,
            seeds: settings.seeds,
            threads: settings.threads,
            resamples: settings.resamples,
            ...pickVerdictSettings(config ?? {}),
            ...pickVerdictSettings(flags),
            checkLookahead: settings.checkLookahead,
            timeout: settings.timeout,
            out,
            html: settings.html,
            barFiles: settings.barFiles,
          },
          { onProgress: progress.onFraction, runElsewhere: remote?.runElsewhere },
        );
        await remote?.removeCollected();
      } finally {
        progress.stop();
        await remote?.close();
      }

      // Outputs are written either way; a strategy caught reading the future fails the run.
      if (reports.some((report) => report.lookahead.found)) state.exitCode = EXIT_FAILURE;
      if (format === 'json') {
        // One file: exactly report.json's text. Several: a JSON array of those reports.
        print(reports.length === 1 ? reportJson(reports[0]) : JSON.stringify(reports, null, 2));
        return;
      }
      // A blank line between files, so each file's table reads on its own.
      print(reports.map((report) => renderTable(report)).join('\n'));
      if (reports.length > 1) print(`\n${renderSummaryTable(reports)}`);
      if (flags.explain) print(`\n${renderExplanations(reports[0])}`);
      print(`Outputs written to ${out}`);
    },
  );
}

/** runs/<config name>, else runs/<strategy>-<file> (runs/<strategy> for several files). */
function defaultOut(config: BacktestConfig | undefined, strategy: string, files: string[]): string {
  if (config) return join('runs', config.name);
  const name = basename(strategy, extname(strategy));
  return files.length === 1
    ? join('runs', `${name}-${basename(files[0], extname(files[0]))}`)
    : join('runs', name);
}
