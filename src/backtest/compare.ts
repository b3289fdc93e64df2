import { InputError } from '../errors.js';
import { chooseBlockLength } from './block-length.js';
import { type SharpeTestMethod, sharpeDifferenceTest } from './bootstrap.js';
import { resolveCompareOptions } from './options.js';
import { MIN_ANNUALISE_DAYS, riskFreePerBar, ZERO_VOLATILITY } from './stats.js';
import type { BacktestResult, CompareOptions, Comparison, Stat } from './types.js';
import {
  adjustPValue,
  decideVerdict,
  P_ADJUSTMENT,
  type SharpeDifferenceSummary,
  summariseSharpeDifference,
} from './verdict.js';

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
 * baseline's returns, tracking error, information ratio, the annualised Sharpe difference with a
 * bootstrap interval, the smallest difference this sample can detect, a bootstrap p-value for
 * "the strategy's Sharpe exceeds the baseline's" (raw and adjusted for `trials`) and the verdict.
 * From NORMAL_APPROXIMATION_RETURNS returns on, the bootstrap's normal limit stands in for its
 * resamples (bootstrap.ts).
 * Definitions: docs/guide/statistics.md and docs/guide/verdict.md.
 */
export function compare(
  strategy: BacktestResult,
  baseline: BacktestResult,
  options: CompareOptions = {},
): Comparison {
  checkSameBars(strategy, baseline);
  const count = strategy.returns.length - 1;
  const resolved = resolveCompareOptions(options ?? {});
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

  const a = strategy.returns.subarray(1);
  const b = baseline.returns.subarray(1);
  const block =
    resolved.blockLength === undefined
      ? chooseBlockLength(a, b)
      : { blockLength: resolved.blockLength, method: 'user' as const };
  let pValue: Stat = null;
  let pValueAdjusted: Stat = null;
  let summary: SharpeDifferenceSummary | null = null;
  let testMethod: SharpeTestMethod = 'stationary-bootstrap';
  if (count >= MIN_BOOTSTRAP_RETURNS) {
    const test = sharpeDifferenceTest(a, b, {
      resamples: resolved.resamples,
      blockLength: block.blockLength,
      seed: resolved.seed,
      riskFree,
    });
    pValue = test.pValue;
    pValueAdjusted = adjustPValue(test.pValue, resolved.trials);
    testMethod = test.method;
    summary = summariseSharpeDifference(test.difference, test.deviationQuantile, {
      ...resolved,
      scale: rootPeriods,
    });
  }
  const verdict = decideVerdict({
    summary,
    pValue,
    pValueAdjusted,
    alpha: resolved.alpha,
    confidence: resolved.confidence,
    trials: resolved.trials,
    returns: count,
    minReturns: MIN_BOOTSTRAP_RETURNS,
    lookaheadFound: options?.lookaheadFound,
  });

  return {
    strategy: strategy.stats,
    baseline: baseline.stats,
    excessReturn: strategy.stats.totalReturn - baseline.stats.totalReturn,
    beta,
    alpha,
    trackingError,
    informationRatio,
    pValue,
    pValueAdjusted,
    pAdjustment: P_ADJUSTMENT,
    trials: resolved.trials,
    significance: resolved.alpha,
    sharpeDiff: summary?.sharpeDiff ?? null,
    sharpeDiffCI: summary?.sharpeDiffCI ?? null,
    confidence: resolved.confidence,
    minDetectableDiff: summary?.minDetectableDiff ?? null,
    resamples: resolved.resamples,
    testMethod,
    blockLength: block.blockLength,
    blockLengthMethod: block.method,
    bootstrapSeed: resolved.seed,
    verdictKind: verdict.kind,
    verdict: verdict.text,
    edge: verdict.kind === 'edge',
  };
}
