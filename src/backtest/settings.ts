import {
  booleanSetting,
  choiceSetting,
  numberSetting,
  type SettingValues,
  settingDefaults,
} from '../settings/index.js';
import { VERDICT_SETTINGS } from './verdict.js';

/** Largest starting cash: above a quadrillion, equity sums leave doubles' exact range long before Infinity. */
export const MAX_INITIAL_CASH = 1e15;

/**
 * How a backtest fills and charges, defined once: `runBacktest`'s options, the config keys and
 * the CLI flags. Conservative defaults: next-open fills, 0.1% commission, 2 bps slippage, long only.
 */
export const BACKTEST_SETTINGS = {
  fill: choiceSetting(['open', 'close'] as const, {
    arg: '<when>',
    help: 'fill a target at the next bar open or the same bar close (optimistic)',
    default: 'open',
  }),
  commission: numberSetting(
    { min: 0, below: 1 },
    { arg: '<fraction>', help: 'commission as a fraction of traded value', default: 0.001 },
  ),
  slippageBps: numberSetting(
    { min: 0, below: 10_000 },
    { arg: '<bps>', help: 'slippage against every fill, in basis points', default: 2 },
  ),
  fixedFee: numberSetting({ min: 0 }, { arg: '<amount>', help: 'fixed fee per order', default: 0 }),
  allowShort: booleanSetting({
    help: 'let targets go below 0',
    default: false,
    defaultText: 'long/flat only',
  }),
  wholeUnits: booleanSetting({
    help: 'trade whole units only',
    default: false,
    defaultText: 'fractional',
  }),
  initialCash: numberSetting(
    { above: 0, max: MAX_INITIAL_CASH },
    { arg: '<amount>', help: 'starting cash', default: 10_000 },
  ),
  riskFreeRate: numberSetting(
    { above: -1, max: 1 },
    { flag: false, help: 'annual risk-free rate for Sharpe and Sortino', default: 0 },
  ),
  periodsPerYear: numberSetting(
    { above: 0 },
    {
      flag: false,
      help: 'bars per year for annualising',
      defaultText: 'inferred from the bar spacing',
    },
  ),
};

/** `compare`'s options; the verdict's (confidence, trials) are VERDICT_SETTINGS. */
export const COMPARE_SETTINGS = {
  resamples: numberSetting(
    { integer: true, min: 1, max: 1_000_000 },
    { help: 'bootstrap resamples for the p-value', default: 2000 },
  ),
  // The bootstrap's seed is its own, not the strategy's, so the two streams never mix.
  seed: numberSetting(
    { integer: true, min: 0, max: 2 ** 32 - 1 },
    { flag: false, help: "seed of the bootstrap's own random stream", default: 0 },
  ),
  alpha: numberSetting(
    { above: 0, below: 1 },
    { flag: false, help: 'significance level of the verdict', default: 0.05 },
  ),
  blockLength: numberSetting(
    { min: 1 },
    {
      flag: false,
      help: 'mean block length of the stationary bootstrap, in bars',
      defaultText: 'chosen from the returns',
    },
  ),
  ...VERDICT_SETTINGS,
};

/** `runBacktest`'s options, typed from their settings. */
export type BacktestOptions = Partial<SettingValues<typeof BACKTEST_SETTINGS>>;

export const DEFAULT_BACKTEST_OPTIONS: Readonly<Required<Omit<BacktestOptions, 'periodsPerYear'>>> =
  Object.freeze(withoutUndefined(settingDefaults(BACKTEST_SETTINGS)));

export const DEFAULT_COMPARE_OPTIONS = Object.freeze(
  withoutUndefined(settingDefaults(COMPARE_SETTINGS)),
) as Readonly<Required<Omit<SettingValues<typeof COMPARE_SETTINGS>, 'blockLength'>>>;

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
