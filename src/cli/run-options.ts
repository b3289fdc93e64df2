import type { Command } from 'commander';
import { BACKTEST_SETTINGS, type BacktestOptions, COMPARE_SETTINGS } from '../backtest/index.js';
import type { LoadOptions } from '../data/index.js';
import {
  type BacktestConfig,
  JOB_SETTINGS,
  type JobSettings,
  loadBacktestConfig,
  type OutputFormat,
  RUN_SETTINGS,
} from '../run/index.js';
import { loaderOptions } from './loader-options.js';
import { addSettingOptions } from './setting-options.js';

/** The flags, keyed as the settings (and config keys) they set. */
export type RunFlags = JobSettings &
  BacktestOptions & {
    strategy?: string;
    baseline?: string;
    resamples?: number;
    format?: OutputFormat;
    /** `--param` and `--baseline-param`: the params and baselineParams settings. */
    param?: Record<string, unknown>;
    baselineParam?: Record<string, unknown>;
    config?: string;
  };

/** Help lines (default included) where a command differs from the settings' own (backtest's). */
export type RunOptionHelp = Partial<
  Record<'strategy' | 'symbols' | 'seeds' | 'threads' | 'out' | 'html', string>
>;

/**
 * The options of a strategy run against a baseline (`backtest`, `sweep`): strategy and
 * parameters, baseline, config file, then the settings of the job (`except` those the command
 * lacks), the backtest's fills and costs, the bootstrap and the output format.
 */
export function addRunOptions(
  command: Command,
  help: RunOptionHelp = {},
  except: (keyof typeof JOB_SETTINGS)[] = [],
): Command {
  const { strategy, params, baseline, baselineParams } = RUN_SETTINGS;
  addSettingOptions(command, { strategy, params, baseline, baselineParams }, { help });
  // The file the settings below are read from, not a setting itself.
  command.option('-c, --config <file>', 'backtest config JSON (see backtests/)');
  addSettingOptions(command, JOB_SETTINGS, { except, help });
  addSettingOptions(command, BACKTEST_SETTINGS);
  addSettingOptions(command, { resamples: COMPARE_SETTINGS.resamples });
  return addSettingOptions(command, { format: RUN_SETTINGS.format });
}

/** A run's settings: the flags the user typed laid over the config file's values. */
export interface RunSettings extends JobSettings {
  config: BacktestConfig | undefined;
  /** CSV files from the command line, else the config's. */
  files: string[];
  strategy: string | undefined;
  params: Record<string, unknown>;
  baseline: string;
  baselineParams: Record<string, unknown>;
  backtest: BacktestOptions;
  load: LoadOptions;
  resamples?: number;
  html: boolean;
  format: OutputFormat;
}

export function runSettings(csvs: string[], flags: RunFlags, command: Command): RunSettings {
  const config = flags.config === undefined ? undefined : loadBacktestConfig(flags.config);
  const strategy = flags.strategy ?? config?.strategy;
  const baseline = flags.baseline ?? config?.baseline ?? RUN_SETTINGS.baseline.default;
  // A config's parameters belong to the config's strategy; switching strategy drops them.
  const configParams = strategy === config?.strategy ? (config?.params ?? {}) : {};
  const configBaselineParams = baseline === config?.baseline ? config.baselineParams : {};
  const { symbol, ...load } = loaderOptions(command, {
    ...config?.loader,
    symbol: config?.symbol,
  });
  const flagOrConfig = <K extends keyof RunFlags & keyof BacktestConfig>(keys: K[]) =>
    Object.fromEntries(keys.map((key) => [key, flags[key] ?? config?.[key]]));
  return {
    ...(flagOrConfig(Object.keys(JOB_SETTINGS) as (keyof JobSettings)[]) as JobSettings),
    config,
    files: csvs.length > 0 ? csvs : (config?.data ?? []),
    strategy,
    params: { ...configParams, ...flags.param },
    baseline,
    baselineParams: { ...configBaselineParams, ...flags.baselineParam },
    backtest: flagOrConfig(Object.keys(BACKTEST_SETTINGS) as (keyof BacktestOptions)[]),
    load: { ...load, ...(symbol === undefined ? {} : { symbol }) },
    resamples: flags.resamples ?? config?.resamples,
    html: flags.html ?? config?.html ?? false,
    format: flags.format ?? config?.format ?? RUN_SETTINGS.format.default,
  };
}
