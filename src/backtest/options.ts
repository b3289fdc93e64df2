import { inferPeriodsPerYear } from '../data/index.js';
import { InputError } from '../errors.js';
import type { BacktestOptions, CompareOptions, ResolvedBacktestOptions } from './types.js';
import { VERDICT_SETTINGS, type VerdictSettingName, type VerdictSettings } from './verdict.js';

/** Conservative defaults: next-open fills, 0.1% commission, 2 bps slippage, long only. */
/** Largest starting cash accepted. */
export const MAX_INITIAL_CASH = 1e15;

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

/** The bootstrap's seed is its own (0), not the strategy's, so the two streams never mix. */
export const DEFAULT_COMPARE_OPTIONS = Object.freeze({
  resamples: 2000,
  seed: 0,
  alpha: 0.05,
  ...verdictDefaults(),
});

function verdictDefaults(): VerdictSettings {
  const names = Object.keys(VERDICT_SETTINGS) as VerdictSettingName[];
  return Object.fromEntries(
    names.map((name) => [name, VERDICT_SETTINGS[name].default]),
  ) as VerdictSettings;
}

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
  // Above 1e15 (a quadrillion) equity sums overflow doubles' exact range long before Infinity.
  requireNumber(
    'initialCash',
    merged.initialCash,
    (v) => v > 0 && v <= MAX_INITIAL_CASH,
    `a number > 0 and at most ${MAX_INITIAL_CASH}`,
  );
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

export interface ResolvedCompareOptions extends VerdictSettings {
  resamples: number;
  /** Set by the user, else chosen from the returns by compare. */
  blockLength?: number;
  seed: number;
  alpha: number;
}

/** Compare defaults and checks; the block length, when not given, is chosen from the data. */
export function resolveCompareOptions(options: CompareOptions): ResolvedCompareOptions {
  const merged = { ...DEFAULT_COMPARE_OPTIONS, ...dropUndefined(options) };
  requireNumber(
    'resamples',
    merged.resamples,
    (v) => Number.isInteger(v) && v >= 1,
    'a whole number >= 1',
  );
  requireNumber(
    'seed',
    merged.seed,
    (v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32,
    'a whole number from 0 to 4294967295',
  );
  requireNumber('alpha', merged.alpha, (v) => v > 0 && v < 1, 'a significance level in (0, 1)');
  for (const name of Object.keys(VERDICT_SETTINGS) as VerdictSettingName[]) {
    const setting = VERDICT_SETTINGS[name];
    requireNumber(name, merged[name], setting.valid, setting.rule);
  }
  if (options.blockLength !== undefined) {
    requireNumber(
      'blockLength',
      options.blockLength,
      (v) => v >= 1,
      'a mean block length >= 1 bar',
    );
  }
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
