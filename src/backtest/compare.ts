import { InputError } from '../errors.js';
import { bootstrapSharpeDifference } from './bootstrap.js';
import { resolveCompareOptions } from './options.js';
import { MIN_ANNUALISE_DAYS, riskFreePerBar, ZERO_VOLATILITY } from './stats.js';
import type { BacktestResult, CompareOptions, Comparison, Stat } from './types.js';

/** The bootstrap needs at least this many paired per-bar returns. */
export const MIN_BOOTSTRAP_RETURNS = 20;

function checkSameBars(strategy: BacktestResult, baseline: BacktestResult): void {
  const a = strategy.time;
  const b = baseline.time;
  if (a.length !== b.length) {
    throw new InputError(
      `The strategy has ${a.length} bars and the baseline ${b.length}; compare them over the same bars.`,
    );
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      throw new InputError(
        `The strategy and the baseline differ at bar ${i}; compare them over the same bars.`,
      );
    }
  }
  if (strategy.options.periodsPerYear !== baseline.options.periodsPerYear) {
    throw new InputError(
      `The strategy is annualised with ${strategy.options.periodsPerYear} bars/year and the baseline with ${baseline.options.periodsPerYear}; use the same.`,
    );
  }
}

/** Shows p with as few digits as keep it on the right side of alpha. */
function formatP(p: number, alpha: number): string {
  for (let digits = 2; digits < 8; digits++) {
    const shown = Number(p.toPrecision(digits));
    if (shown < alpha === p < alpha) return String(shown);
  }
  return String(p);
}

function formatSharpe(sharpe: Stat): string {
  return sharpe === null ? 'n/a' : sharpe.toFixed(2);
}

interface PairedMoments {
  meanA: number;
  meanB: number;
  varianceB: number;
  covariance: number;
  meanDiff: number;
  stdDiff: number;
}

/** Moments of returns[1..n-1] of both sides, sample (n - 1) divisors. */
function pairedMoments(a: Float64Array, b: Float64Array): PairedMoments {
  const count = a.length - 1;
  let sumA = 0;
  let sumB = 0;
  for (let i = 1; i < a.length; i++) {
    sumA += a[i];
    sumB += b[i];
  }
  const meanA = sumA / count;
  const meanB = sumB / count;
  const meanDiff = meanA - meanB;
  let varianceB = 0;
  let covariance = 0;
  let varianceDiff = 0;
  for (let i = 1; i < a.length; i++) {
    const da = a[i] - meanA;
    const db = b[i] - meanB;
    varianceB += db * db;
    covariance += da * db;
    varianceDiff += (da - db) * (da - db);
  }
  const divisor = count - 1;
  return {
    meanA,
    meanB,
    varianceB: varianceB / divisor,
    covariance: covariance / divisor,
    meanDiff,
    stdDiff: Math.sqrt(varianceDiff / divisor),
  };
}

/**
 * The strategy against a baseline over the same bars: excess return, beta and alpha against the
 * baseline's returns, tracking error, information ratio and a bootstrap p-value for
 * "the strategy's Sharpe exceeds the baseline's". Definitions: docs/guide/statistics.md.
 */
export function compare(
  strategy: BacktestResult,
  baseline: BacktestResult,
  options: CompareOptions = {},
): Comparison {
  checkSameBars(strategy, baseline);
  const count = strategy.returns.length - 1;
  const resolved = resolveCompareOptions(options ?? {}, Math.max(count, 1));
  const periodsPerYear = strategy.options.periodsPerYear;
  const riskFree = riskFreePerBar(strategy.options.riskFreeRate, periodsPerYear);
  const rootPeriods = Math.sqrt(periodsPerYear);
  const annualisable = strategy.stats.durationDays >= MIN_ANNUALISE_DAYS && count >= 2;

  let beta: Stat = null;
  let alpha: Stat = null;
  let trackingError: Stat = null;
  let informationRatio: Stat = null;
  if (count >= 2) {
    const m = pairedMoments(strategy.returns, baseline.returns);
    if (m.varianceB > ZERO_VOLATILITY * ZERO_VOLATILITY) {
      beta = m.covariance / m.varianceB;
      if (annualisable) alpha = (m.meanA - riskFree - beta * (m.meanB - riskFree)) * periodsPerYear;
    }
    if (annualisable) {
      trackingError = m.stdDiff * rootPeriods;
      if (m.stdDiff > ZERO_VOLATILITY) informationRatio = (m.meanDiff / m.stdDiff) * rootPeriods;
    }
  }

  let pValue: Stat = null;
  let positive = false;
  if (count >= MIN_BOOTSTRAP_RETURNS) {
    const test = bootstrapSharpeDifference(
      strategy.returns.subarray(1),
      baseline.returns.subarray(1),
      { ...resolved, riskFree },
    );
    pValue = test.pValue;
    positive = test.difference > 0;
  }
  const edge = pValue !== null && positive && pValue < resolved.alpha;
  const sharpes = `${formatSharpe(strategy.stats.sharpe)} vs ${formatSharpe(baseline.stats.sharpe)}`;
  let verdict: string;
  if (pValue === null) {
    verdict = `Too little data to test for an edge: ${Math.max(count, 0)} per-bar returns, at least ${MIN_BOOTSTRAP_RETURNS} needed.`;
  } else if (edge) {
    verdict = `The strategy's Sharpe beats the baseline's: ${sharpes} (p = ${formatP(pValue, resolved.alpha)} < ${resolved.alpha}).`;
  } else {
    verdict = `No evidence of an edge: strategy Sharpe ${formatSharpe(strategy.stats.sharpe)} vs baseline ${formatSharpe(baseline.stats.sharpe)} (p = ${formatP(pValue, resolved.alpha)}).`;
  }

  return {
    strategy: strategy.stats,
    baseline: baseline.stats,
    excessReturn: strategy.stats.totalReturn - baseline.stats.totalReturn,
    beta,
    alpha,
    trackingError,
    informationRatio,
    pValue,
    resamples: resolved.resamples,
    blockLength: resolved.blockLength,
    verdict,
    edge,
  };
}
