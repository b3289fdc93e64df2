import { type Command, Option } from 'commander';
import type { BacktestOptions } from '../backtest/index.js';
import { DEFAULT_BACKTEST_OPTIONS as D, DEFAULT_COMPARE_OPTIONS } from '../backtest/index.js';
import type { LoadOptions } from '../data/index.js';
import {
  type BacktestConfig,
  DEFAULT_SEED,
  loadBacktestConfig,
  type OutputFormat,
} from '../run/index.js';
import { loaderOptions } from './loader-options.js';
import { formatOption, pairsToObject } from './options.js';
import { integerArg, keyValueArg, numberArg } from './parse.js';

/** Flags named as the config keys they override; riskFreeRate and periodsPerYear are config-only. */
export type RunFlags = Partial<
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
    | 'out'
    | 'format'
    | 'html'
  >
> & {
  param?: [string, string][];
  baselineParam?: [string, string][];
  config?: string;
};

/** Help texts that differ between the commands sharing these options. */
export interface RunOptionHelp {
  strategy: string;
  seeds: string;
  threads: string;
  out: string;
  html: string;
}

/**
 * The options of a strategy run against a baseline (`backtest`, `sweep`): strategy and
 * parameters, baseline, config file, dates, fills and costs, seeds, threads, bootstrap, outputs.
 */
export function addRunOptions(command: Command, help: RunOptionHelp): Command {
  return command
    .option('-s, --strategy <name|path>', help.strategy)
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
      `seed for the strategy; the bootstrap has its own (default: ${DEFAULT_SEED})`,
      integerArg(0, 2 ** 32 - 1),
    )
    .option('--seeds <k>', help.seeds, integerArg(1, 1000))
    .option('--threads <n>', help.threads, integerArg(1, 256))
    .option(
      '--resamples <n>',
      `bootstrap resamples for the p-value (default: ${DEFAULT_COMPARE_OPTIONS.resamples})`,
      integerArg(1),
    )
    .option('-o, --out <dir>', help.out)
    .addOption(formatOption())
    .option('--html', help.html);
}

/** A run's settings: the flags the user typed laid over the config file's values. */
export interface RunSettings {
  config: BacktestConfig | undefined;
  /** CSV files from the command line, else the config's. */
  files: string[];
  strategy: string | undefined;
  params: Record<string, unknown>;
  baseline: string;
  baselineParams: Record<string, unknown>;
  from?: string;
  to?: string;
  backtest: BacktestOptions;
  load: LoadOptions;
  seed?: number;
  seeds?: number;
  threads?: number;
  resamples?: number;
  out?: string;
  html: boolean;
  format: OutputFormat;
}

export function runSettings(csvs: string[], flags: RunFlags, command: Command): RunSettings {
  const config = flags.config === undefined ? undefined : loadBacktestConfig(flags.config);
  const strategy = flags.strategy ?? config?.strategy;
  const baseline = flags.baseline ?? config?.baseline ?? 'buy-and-hold';
  // A config's parameters belong to the config's strategy; switching strategy drops them.
  const configParams = strategy === config?.strategy ? (config?.params ?? {}) : {};
  const configBaselineParams = baseline === config?.baseline ? config.baselineParams : {};
  const { symbol, ...load } = loaderOptions(command, {
    ...config?.loader,
    symbol: config?.symbol,
  });
  return {
    config,
    files: csvs.length > 0 ? csvs : (config?.data ?? []),
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
    out: flags.out ?? config?.out,
    html: flags.html ?? config?.html ?? false,
    format: flags.format ?? config?.format ?? 'table',
  };
}
