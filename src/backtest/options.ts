import { inferPeriodsPerYear } from '../data/index.js';
import { checkOptions } from '../settings/index.js';
import {
  BACKTEST_SETTINGS,
  COMPARE_SETTINGS,
  DEFAULT_BACKTEST_OPTIONS,
  DEFAULT_COMPARE_OPTIONS,
} from './settings.js';
import type { BacktestOptions, CompareOptions, ResolvedBacktestOptions } from './types.js';
import type { VerdictSettings } from './verdict.js';

/** Fills in defaults, checks every field and settles the annualisation for these bars. */
export function resolveBacktestOptions(
  options: BacktestOptions,
  time: ArrayLike<number>,
): ResolvedBacktestOptions {
  checkOptions(BACKTEST_SETTINGS, options);
  const merged = { ...DEFAULT_BACKTEST_OPTIONS, ...dropUndefined(options) };
  let periodsPerYear: number;
  let annualisationBasis: string;
  if (options.periodsPerYear !== undefined) {
    periodsPerYear = options.periodsPerYear;
    annualisationBasis = `${periodsPerYear} bars/year (set by the user)`;
  } else {
    ({ periodsPerYear, basis: annualisationBasis } = inferPeriodsPerYear(time));
  }
  return { ...merged, periodsPerYear, annualisationBasis };
}

export interface ResolvedCompareOptions extends VerdictSettings {
  resamples: number;
  /** Set by the user, else chosen from the returns by compare. */
  blockLength?: number;
  seed: number;
  alpha: number;
}

/** Compare defaults and checks; the block length, when not given, is chosen from the data. */
export function resolveCompareOptions(options: CompareOptions): ResolvedCompareOptions {
  checkOptions(COMPARE_SETTINGS, options);
  const merged = { ...DEFAULT_COMPARE_OPTIONS, ...dropUndefined(options) };
  return {
    resamples: merged.resamples,
    seed: merged.seed,
    alpha: merged.alpha,
    confidence: merged.confidence,
    trials: merged.trials,
    blockLength: options.blockLength,
  };
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
