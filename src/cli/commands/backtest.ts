import { basename, extname, join } from 'node:path';
import { type Command, Option } from 'commander';
import { DEFAULT_BACKTEST_OPTIONS as D, DEFAULT_COMPARE_OPTIONS } from '../../backtest/index.js';
import { InputError } from '../../errors.js';
import { renderSummaryTable, renderTable, reportJson } from '../../report/index.js';
import { type BacktestConfig, loadBacktestConfig } from '../../run/config.js';
import { DEFAULT_SEED, runBacktestJob } from '../../run/job.js';
import { CHECK_LOOKAHEAD_SETTING } from '../../run/lookahead-check.js';
import { EXIT_FAILURE } from '../errors.js';
import { finishCsvCommand, loaderOptions } from '../loader-options.js';
import { formatOption, pairsToObject, print } from '../options.js';
import { integerArg, keyValueArg, numberArg } from '../parse.js';
import type { CliState } from '../program.js';
import { createProgress } from '../progress.js';

const EXAMPLES = `
Examples:
  $ nn-timing backtest data/spy-1993-2023.csv
  $ nn-timing backtest data/goog-2004-2013.csv --strategy sma-cross --param fast=20 --param slow=100
  $ nn-timing backtest data/goog-2004-2013.csv data/orcl-1995-2014.csv --strategy rsi-reversion
  $ nn-timing backtest data/spy-1993-2023.csv --from 2005-01-01 --seeds 5 --html
  $ nn-timing backtest data/btc-usd-2014-2022.csv --strategy ./my-strategy.ts --format json
  $ nn-timing backtest --config backtests/spy-nn-timing.json --out runs/spy-test

Settings on the command line override the config file's. Outputs (report.json, equity.csv,
trades.csv, signals.csv, model.json when the strategy has a model, report.html with --html) go to
--out; with several files each gets a subfolder named after the file. Both strategy and baseline
are measured from the first bar where the strategy makes a decision.`;

/** Flags named as the config keys they override; riskFreeRate and periodsPerYear are config-only. */
type BacktestFlags = Partial<
  Pick<
    BacktestConfig,
    | 'strategy'
    | 'baseline'
    | 'from'
    | 'to'
    | 'fill'
    | 'commission'
    | 'slippageBps'
    | 'fixedFee'
    | 'allowShort'
    | 'wholeUnits'
    | 'initialCash'
    | 'seed'
    | 'seeds'
    | 'threads'
    | 'resamples'
    | typeof CHECK_LOOKAHEAD_SETTING.key
    | 'out'
    | 'format'
    | 'html'
  >
> & {
  param?: [string, string][];
  baselineParam?: [string, string][];
  config?: string;
};

export function registerBacktest(program: Command, state: CliState): void {
  const command = program
    .command('backtest')
    .summary('backtest a strategy against a baseline on CSV files')
    .description(
      'Backtest a strategy against a baseline (default buy-and-hold) on one or more OHLCV CSV files, after costs, and print the comparison with its bootstrap p-value.',
    )
    .argument('[csv...]', 'OHLCV CSV file(s); not needed with --config')
    .option(
      '-s, --strategy <name|path>',
      'built-in strategy or a .ts/.mts/.mjs/.js file (default: nn-timing)',
    )
    .option(
      '-p, --param <key=value>',
      'strategy parameter, repeatable (see `nn-timing strategies`)',
      keyValueArg,
    )
    .option('--baseline <name|path>', 'strategy to compare against (default: buy-and-hold)')
    .option('--baseline-param <key=value>', 'baseline parameter, repeatable', keyValueArg)
    .option('-c, --config <file>', 'backtest config JSON (see backtests/)')
    .option('--from <date>', 'first date to use, YYYY-MM-DD[ HH:MM] (default: first bar)')
    .option('--to <date>', 'last date to use, inclusive (default: last bar)')
    .addOption(
      new Option(
        '--fill <when>',
        'fill a target at the next bar open or the same bar close (optimistic) (default: open)',
      ).choices(['open', 'close']),
    )
    .option(
      '--commission <fraction>',
      `commission as a fraction of traded value (default: ${D.commission})`,
      numberArg(0, 1),
    )
    .option(
      '--slippage-bps <bps>',
      `slippage against every fill, in basis points (default: ${D.slippageBps})`,
      numberArg(0, 10_000),
    )
    .option('--fixed-fee <amount>', `fixed fee per order (default: ${D.fixedFee})`, numberArg(0))
    .option('--allow-short', 'let targets go below 0 (default: long/flat only)')
    .option('--whole-units', 'trade whole units only (default: fractional)')
    .option(
      '--initial-cash <amount>',
      `starting cash (default: ${D.initialCash})`,
      numberArg(Number.MIN_VALUE),
    )
    .option(
      '--seed <n>',
      `seed for the strategy and the bootstrap (default: ${DEFAULT_SEED})`,
      integerArg(0, 2 ** 32 - 1),
    )
    .option(
      '--seeds <k>',
      'rerun the strategy with seeds seed..seed+k-1 and report the spread (default: 1)',
      integerArg(1, 1000),
    )
    .option(
      '--threads <n>',
      'worker threads the strategy may use (default: all cores)',
      integerArg(1, 256),
    )
    .option(
      '--resamples <n>',
      `bootstrap resamples for the p-value (default: ${DEFAULT_COMPARE_OPTIONS.resamples})`,
      integerArg(1),
    )
    .option(
      '-o, --out <dir>',
      'output folder (default: runs/<config name>, or runs/<strategy>-<file>)',
    )
    .option(CHECK_LOOKAHEAD_SETTING.flag, CHECK_LOOKAHEAD_SETTING.description)
    .addOption(formatOption())
    .option('--html', 'also write report.html');
  finishCsvCommand(command, EXAMPLES).action(
    async (csvs: string[], flags: BacktestFlags, cmd: Command) => {
      const config = flags.config === undefined ? undefined : loadBacktestConfig(flags.config);
      const files = csvs.length > 0 ? csvs : (config?.data ?? []);
      if (files.length === 0)
        throw new InputError('give at least one CSV file, or --config <file>');
      const strategy = flags.strategy ?? config?.strategy ?? 'nn-timing';
      const baseline = flags.baseline ?? config?.baseline ?? 'buy-and-hold';
      // A config's parameters belong to the config's strategy; switching strategy drops them.
      const configParams = strategy === config?.strategy ? config.params : {};
      const configBaselineParams = baseline === config?.baseline ? config.baselineParams : {};
      const { symbol, ...load } = loaderOptions(cmd, { ...config?.loader, symbol: config?.symbol });
      const format = flags.format ?? config?.format ?? 'table';
      const out = flags.out ?? config?.out ?? defaultOut(config, strategy, files);

      const progress = createProgress();
      let reports: Awaited<ReturnType<typeof runBacktestJob>>;
      try {
        reports = await runBacktestJob(
          {
            files,
            strategy,
            params: { ...configParams, ...pairsToObject(flags.param) },
            baseline,
            baselineParams: { ...configBaselineParams, ...pairsToObject(flags.baselineParam) },
            from: flags.from ?? config?.from,
            to: flags.to ?? config?.to,
            backtest: {
              fill: flags.fill ?? config?.fill,
              commission: flags.commission ?? config?.commission,
              slippageBps: flags.slippageBps ?? config?.slippageBps,
              fixedFee: flags.fixedFee ?? config?.fixedFee,
              allowShort: flags.allowShort ?? config?.allowShort,
              wholeUnits: flags.wholeUnits ?? config?.wholeUnits,
              initialCash: flags.initialCash ?? config?.initialCash,
              riskFreeRate: config?.riskFreeRate,
              periodsPerYear: config?.periodsPerYear,
            },
            load: { ...load, ...(symbol === undefined ? {} : { symbol }) },
            seed: flags.seed ?? config?.seed,
            seeds: flags.seeds ?? config?.seeds,
            threads: flags.threads ?? config?.threads,
            resamples: flags.resamples ?? config?.resamples,
            [CHECK_LOOKAHEAD_SETTING.key]:
              flags[CHECK_LOOKAHEAD_SETTING.key] ?? config?.[CHECK_LOOKAHEAD_SETTING.key],
            out,
            html: flags.html ?? config?.html ?? false,
          },
          { onProgress: progress.onProgress },
        );
      } finally {
        progress.stop();
      }

      // Outputs are written either way; a strategy caught reading the future fails the run.
      if (reports.some((report) => report.lookahead.found)) state.exitCode = EXIT_FAILURE;
      if (format === 'json') {
        // One file: exactly report.json's text. Several: a JSON array of those reports.
        print(reports.length === 1 ? reportJson(reports[0]) : JSON.stringify(reports, null, 2));
        return;
      }
      for (const report of reports) print(renderTable(report));
      if (reports.length > 1) print(renderSummaryTable(reports));
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
