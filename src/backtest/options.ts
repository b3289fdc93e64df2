import { InputError } from '../errors.js';
import { inferPeriodsPerYear } from './annualise.js';
import type { BacktestOptions, CompareOptions, ResolvedBacktestOptions } from './types.js';

/** Conservative defaults: next-open fills, 0.1% commission, 2 bps slippage, long only. */
export const DEFAULT_BACKTEST_OPTIONS: Readonly<Required<Omit<BacktestOptions, 'periodsPerYear'>>> =
  Object.freeze({
    fill: 'open',
    commission: 0.001,
    fixedFee: 0,
    slippageBps: 2,
    allowShort: false,
    wholeUnits: false,
    initialCash: 10_000,
    riskFreeRate: 0,
  });

export const DEFAULT_COMPARE_OPTIONS = Object.freeze({ resamples: 2000, seed: 0, alpha: 0.05 });

function requireNumber(name: string, value: number, ok: (v: number) => boolean, rule: string) {
  if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) {
    throw new InputError(`${name} must be ${rule}, got ${String(value)}.`);
  }
}

function requireBoolean(name: string, value: unknown) {
  if (typeof value !== 'boolean') {
    throw new InputError(`${name} must be true or false, got ${String(value)}.`);
  }
}

/** Fills in defaults, checks every field and settles the annualisation for these bars. */
export function resolveBacktestOptions(
  options: BacktestOptions,
  time: ArrayLike<number>,
): ResolvedBacktestOptions {
  const merged = { ...DEFAULT_BACKTEST_OPTIONS, ...dropUndefined(options) };
  if (merged.fill !== 'open' && merged.fill !== 'close') {
    throw new InputError(`fill must be 'open' or 'close', got ${String(merged.fill)}.`);
  }
  requireNumber('commission', merged.commission, (v) => v >= 0 && v < 1, 'a fraction in [0, 1)');
  requireNumber('fixedFee', merged.fixedFee, (v) => v >= 0, 'a number >= 0');
  requireNumber('slippageBps', merged.slippageBps, (v) => v >= 0 && v < 10_000, 'in [0, 10000)');
  requireNumber('initialCash', merged.initialCash, (v) => v > 0, 'a number > 0');
  requireNumber('riskFreeRate', merged.riskFreeRate, (v) => v > -1, 'an annual rate > -1');
  requireBoolean('allowShort', merged.allowShort);
  requireBoolean('wholeUnits', merged.wholeUnits);

  let periodsPerYear: number;
  let annualisationBasis: string;
  if (options.periodsPerYear !== undefined) {
    requireNumber('periodsPerYear', options.periodsPerYear, (v) => v > 0, 'a number > 0');
    periodsPerYear = options.periodsPerYear;
    annualisationBasis = `${periodsPerYear} bars/year (set by the user)`;
  } else {
    ({ periodsPerYear, basis: annualisationBasis } = inferPeriodsPerYear(time));
  }
  return { ...merged, periodsPerYear, annualisationBasis };
}

export interface ResolvedCompareOptions {
  resamples: number;
  blockLength: number;
  seed: number;
  alpha: number;
}

/** Compare defaults; the mean block length defaults to round(returns^(1/3)), at least 1. */
export function resolveCompareOptions(
  options: CompareOptions,
  returnCount: number,
): ResolvedCompareOptions {
  const merged = { ...DEFAULT_COMPARE_OPTIONS, ...dropUndefined(options) };
  requireNumber(
    'resamples',
    merged.resamples,
    (v) => Number.isInteger(v) && v >= 1,
    'a whole number >= 1',
  );
  requireNumber('seed', merged.seed, (v) => Number.isSafeInteger(v), 'a whole number');
  requireNumber('alpha', merged.alpha, (v) => v > 0 && v < 1, 'a significance level in (0, 1)');
  const blockLength = options.blockLength ?? Math.max(1, Math.round(Math.cbrt(returnCount)));
  requireNumber('blockLength', blockLength, (v) => v >= 1, 'a mean block length >= 1 bar');
  return { resamples: merged.resamples, seed: merged.seed, alpha: merged.alpha, blockLength };
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
