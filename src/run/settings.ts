import { AUTO_BAR_FILES_LIMIT, BAR_FILES, BAR_FILES_CHOICES } from '../report/index.js';
import {
  booleanSetting,
  choiceSetting,
  numberSetting,
  pairsSetting,
  type SettingValues,
  textListSetting,
  textSetting,
  wordOrListSetting,
} from '../settings/index.js';
import { CONTEXT_SETTINGS } from '../strategy-contract/index.js';
import { parseDateBound } from './dates.js';

/** The strategy a job runs when none is named (a config file must name one). */
export const DEFAULT_STRATEGY = 'nn-timing';

/** The strategy's seed when none is given; the bootstrap has its own (COMPARE_SETTINGS). */
export const DEFAULT_SEED = 42;

/** The upper bound of `timeout` is setTimeout's limit. */
export const TIMEOUT_SECONDS = { min: 0.001, max: 2_000_000 } as const;

function dateSetting(bound: 'from' | 'to', help: string, defaultText: string) {
  return textSetting(
    { arg: '<date>', help, defaultText },
    {
      rule: 'a date like 2010-01-31 or 2010-01-31 14:00',
      parse: (text) => parseDateBound(text, bound),
    },
  );
}

/**
 * A backtest job's own settings, defined once: `runBacktestJob`'s options, the config keys and
 * the flags (`backtest`; `sweep` takes those its search uses).
 */
export const JOB_SETTINGS = {
  from: dateSetting('from', 'first date to use, YYYY-MM-DD[ HH:MM]', 'first bar'),
  to: dateSetting('to', 'last date to use, inclusive', 'last bar'),
  symbols: wordOrListSetting('all', {
    arg: '<all|A,B,C>',
    help: 'backtest these symbols (or all) of one long-format file, one result each',
  }),
  seed: numberSetting(
    { integer: true, min: 0, max: 2 ** 32 - 1 },
    { help: 'seed for the strategy; the bootstrap has its own', default: DEFAULT_SEED },
  ),
  seeds: numberSetting(
    { integer: true, min: 1, max: 1000 },
    {
      arg: '<k>',
      help: 'rerun the strategy with seeds seed..seed+k-1 and report the spread',
      default: 1,
    },
  ),
  threads: CONTEXT_SETTINGS.threads,
  checkLookahead: booleanSetting({
    help: 'also check nn-timing for lookahead before reporting (slow: it retrains once per cut); other strategies are always checked',
  }),
  timeout: numberSetting(TIMEOUT_SECONDS, {
    arg: '<seconds>',
    help: 'fail a strategy run that takes longer than this',
    defaultText: 'no limit',
  }),
  out: textSetting({
    flag: '-o, --out',
    arg: '<dir>',
    help: 'output folder',
    defaultText: 'runs/<config name>, or runs/<strategy>-<file>',
  }),
  html: booleanSetting({ help: 'also write report.html' }),
  barFiles: choiceSetting(BAR_FILES_CHOICES, {
    help: `write the per-bar files ${BAR_FILES.join(' and ')}: auto up to ${AUTO_BAR_FILES_LIMIT.toLocaleString('en-US')} bars, always, or never`,
    default: 'auto',
  }),
};

export type JobSettings = Partial<SettingValues<typeof JOB_SETTINGS>>;

/** The rest of a run's settings: what is run against what, and how it is printed. */
export const RUN_SETTINGS = {
  description: textSetting({ flag: false, help: 'what the config is for' }),
  data: textListSetting({ flag: false, help: 'the CSV file or files, relative to the config' }),
  strategy: textSetting({
    flag: '-s, --strategy',
    arg: '<name|path>',
    help: 'built-in strategy or a .ts/.mts/.mjs/.js file',
    defaultText: DEFAULT_STRATEGY,
  }),
  params: pairsSetting({
    flag: '-p, --param',
    arg: '<key=value>',
    help: 'strategy parameter, repeatable (see `nn-timing strategies`)',
  }),
  baseline: textSetting({
    arg: '<name|path>',
    help: 'strategy to compare against',
    default: 'buy-and-hold',
  }),
  baselineParams: pairsSetting({
    flag: '--baseline-param',
    arg: '<key=value>',
    help: 'baseline parameter, repeatable',
  }),
  format: choiceSetting(['table', 'json'] as const, {
    arg: '<format>',
    help: 'stdout format',
    default: 'table',
  }),
};

export type OutputFormat = SettingValues<typeof RUN_SETTINGS>['format'];

/** The command line's alone: what `backtest` prints besides its table (the files written are the same). */
export const PRINT_SETTINGS = {
  explain: booleanSetting({ help: 'after the table, say in plain words what every figure means' }),
};
