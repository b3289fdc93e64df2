import { BlockSampler } from '../backtest/bootstrap.js';
import { ZERO_VOLATILITY } from '../backtest/stats.js';

export interface JointBootstrapOptions {
  resamples: number;
  /** Mean block length in bars (blocks are geometric with this mean). */
  blockLength: number;
  seed: number;
  /** Risk-free return per bar, subtracted from every mean. */
  riskFree: number;
}

/**
 * Every trial's Sharpe difference over the baseline, observed and under each resample. Row b of
 * `resampled` holds all trials' differences on the SAME resampled bars.
 */
export interface JointBootstrap {
  trials: number;
  resamples: number;
  /** Per-bar returns in each series. */
  bars: number;
  /** Per-bar Sharpe of each trial minus the baseline's, on the sample. */
  difference: Float64Array;
  /** resampled[b * trials + k]: trial k's difference on resample b. */
  resampled: Float64Array;
}

/** Per-bar Sharpe from centred sums over n returns; a series with no volatility scores 0. */
function sharpeFromSums(mean: number, sum: number, squares: number, n: number, riskFree: number) {
  const variance = (squares - (sum * sum) / n) / (n - 1);
  const std = variance > 0 ? Math.sqrt(variance) : 0;
  return std > ZERO_VOLATILITY ? (mean + sum / n - riskFree) / std : 0;
}

/**
 * Writes prefix sums of x - mean and (x - mean)^2 at `offset` (n + 1 slots each) and returns the
 * mean; centring keeps the sums of squares accurate.
 */
function centredPrefixSums(
  x: Float64Array,
  sums: Float64Array,
  squares: Float64Array,
  offset: number,
): number {
  let total = 0;
  for (let i = 0; i < x.length; i++) total += x[i];
  const mean = total / x.length;
  sums[offset] = 0;
  squares[offset] = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - mean;
    sums[offset + i + 1] = sums[offset + i] + d;
    squares[offset + i + 1] = squares[offset + i] + d * d;
  }
  return mean;
}

/**
 * One stationary bootstrap (Politis and Romano, 1994) shared by all trials: each resample draws
 * one sequence of blocks (uniform start bar, wrapping at the end, geometric length with mean
 * `blockLength`) and applies it to every trial and to the baseline, so the resampled statistics
 * keep the trials' dependence on each other, as White's Reality Check and Hansen's SPA require.
 * The blocks are drawn exactly as `compare`'s single-strategy bootstrap draws them for the same
 * seed and bar count, so trial k's one-sided p here equals `compare`'s p for that trial alone.
 *
 * Block sums come from per-trial prefix sums: the cost is O(trials x resamples x blocks), not
 * O(trials x resamples x bars).
 */
export function jointBootstrap(
  trials: readonly Float64Array[],
  baseline: Float64Array,
  options: JointBootstrapOptions,
): JointBootstrap {
  const n = baseline.length;
  const count = trials.length;
  const { resamples, blockLength, riskFree } = options;
  for (const [k, trial] of trials.entries()) {
    if (trial.length !== n) {
      throw new RangeError(`trial ${k} has ${trial.length} returns, the baseline ${n}`);
    }
  }
  const stride = n + 1;
  const sums = new Float64Array(count * stride);
  const squares = new Float64Array(count * stride);
  const means = new Float64Array(count);
  for (let k = 0; k < count; k++)
    means[k] = centredPrefixSums(trials[k], sums, squares, k * stride);
  const baseSums = new Float64Array(stride);
  const baseSquares = new Float64Array(stride);
  const baseMean = centredPrefixSums(baseline, baseSums, baseSquares, 0);

  const baseSharpe = sharpeFromSums(baseMean, baseSums[n], baseSquares[n], n, riskFree);
  const difference = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const end = k * stride + n;
    difference[k] = sharpeFromSums(means[k], sums[end], squares[end], n, riskFree) - baseSharpe;
  }

  const resampled = new Float64Array(resamples * count);
  const starts = new Int32Array(n);
  const lengths = new Int32Array(n);
  const sampler = new BlockSampler(options.seed, blockLength, n);
  for (let b = 0; b < resamples; b++) {
    let blocks = 0;
    let filled = 0;
    while (filled < n) {
      // The same blocks as compare's bootstrap for this seed and bar count.
      sampler.next(n - filled);
      starts[blocks] = sampler.start;
      lengths[blocks] = sampler.length;
      blocks++;
      filled += sampler.length;
    }
    let s1 = 0;
    let s2 = 0;
    for (let j = 0; j < blocks; j++) {
      s1 += blockSum(baseSums, 0, starts[j], lengths[j], n);
      s2 += blockSum(baseSquares, 0, starts[j], lengths[j], n);
    }
    const resampledBase = sharpeFromSums(baseMean, s1, s2, n, riskFree);
    const row = b * count;
    for (let k = 0; k < count; k++) {
      const offset = k * stride;
      let t1 = 0;
      let t2 = 0;
      for (let j = 0; j < blocks; j++) {
        t1 += blockSum(sums, offset, starts[j], lengths[j], n);
        t2 += blockSum(squares, offset, starts[j], lengths[j], n);
      }
      resampled[row + k] = sharpeFromSums(means[k], t1, t2, n, riskFree) - resampledBase;
    }
  }
  return { trials: count, resamples, bars: n, difference, resampled };
}

/** Sum over the circular block [start, start + length) of prefix sums stored at `offset`. */
function blockSum(
  prefix: Float64Array,
  offset: number,
  start: number,
  length: number,
  n: number,
): number {
  const end = start + length;
  return end <= n
    ? prefix[offset + end] - prefix[offset + start]
    : prefix[offset + n] - prefix[offset + start] + prefix[offset + end - n];
}

/**
 * Each trial's own one-sided p for "its Sharpe beats the baseline's", as if it were the only
 * trial: (1 + #{d* - d >= d}) / (resamples + 1), with d* centred on the observed d.
 */
export function singleTestPValues(bootstrap: JointBootstrap): Float64Array {
  const { trials, resamples, difference, resampled } = bootstrap;
  const p = new Float64Array(trials);
  for (let k = 0; k < trials; k++) {
    let extreme = 0;
    for (let b = 0; b < resamples; b++) {
      if (resampled[b * trials + k] - difference[k] >= difference[k]) extreme++;
    }
    p[k] = (extreme + 1) / (resamples + 1);
  }
  return p;
}
