import { BlockSampler, ZERO_VOLATILITY } from '../backtest/index.js';

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
 * Prefix sums of x - mean (even slots) and (x - mean)^2 (odd slots) into `prefix`, continued past
 * the end as if the series repeated once (slot n + i holds total + slot i), so a block that wraps
 * around the end is one subtraction. Returns the mean; centring keeps the sums of squares accurate.
 */
function circularPrefixSums(x: Float64Array, prefix: Float64Array): number {
  const n = x.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += x[i];
  const mean = total / n;
  prefix[0] = 0;
  prefix[1] = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    prefix[2 * i + 2] = prefix[2 * i] + d;
    prefix[2 * i + 3] = prefix[2 * i + 1] + d * d;
  }
  const sum = prefix[2 * n];
  const squares = prefix[2 * n + 1];
  for (let i = 1; i <= n; i++) {
    prefix[2 * (n + i)] = sum + prefix[2 * i];
    prefix[2 * (n + i) + 1] = squares + prefix[2 * i + 1];
  }
  return mean;
}

/** The resamples' blocks, drawn once: block j covers bars [starts[j], ends[j]) of the doubled series. */
interface Blocks {
  starts: Int32Array;
  ends: Int32Array;
  /** Resample b's blocks are firstBlock[b] .. firstBlock[b + 1] - 1. */
  firstBlock: Int32Array;
}

function drawBlocks(n: number, resamples: number, blockLength: number, seed: number): Blocks {
  const sampler = new BlockSampler(seed, blockLength, n);
  let capacity = Math.max(16, Math.ceil((resamples * n) / blockLength) + 16);
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  const firstBlock = new Int32Array(resamples + 1);
  let count = 0;
  for (let b = 0; b < resamples; b++) {
    firstBlock[b] = count;
    let filled = 0;
    while (filled < n) {
      // The same blocks as compare's bootstrap for this seed and bar count.
      sampler.next(n - filled);
      if (count === capacity) {
        capacity *= 2;
        const grownStarts = new Int32Array(capacity);
        const grownEnds = new Int32Array(capacity);
        grownStarts.set(starts);
        grownEnds.set(ends);
        starts = grownStarts;
        ends = grownEnds;
      }
      starts[count] = sampler.start;
      ends[count] = sampler.start + sampler.length;
      count++;
      filled += sampler.length;
    }
  }
  firstBlock[resamples] = count;
  return { starts, ends, firstBlock };
}

/**
 * One stationary bootstrap (Politis and Romano, 1994) shared by all trials: each resample draws
 * one sequence of blocks (uniform start bar, wrapping at the end, geometric length with mean
 * `blockLength`) and applies it to every trial and to the baseline, so the resampled statistics
 * keep the trials' dependence on each other, as White's Reality Check and Hansen's SPA require.
 * The blocks are drawn exactly as `compare`'s single-strategy bootstrap draws them for the same
 * seed and bar count, so trial k's one-sided p here is the p `compare` gives that trial alone
 * (block sums may differ in the last bit, which could only matter at an exact tie).
 *
 * Block sums come from per-trial prefix sums: the cost is O(trials x resamples x blocks), not
 * O(trials x resamples x bars). The blocks of all resamples are drawn first and each trial then
 * runs through them with its prefix sums in cache.
 */
export function jointBootstrap(
  trials: readonly Float64Array[],
  baseline: Float64Array,
  options: JointBootstrapOptions,
): JointBootstrap {
  const n = baseline.length;
  const count = trials.length;
  const { resamples, riskFree } = options;
  for (const [k, trial] of trials.entries()) {
    if (trial.length !== n) {
      throw new RangeError(`trial ${k} has ${trial.length} returns, the baseline ${n}`);
    }
  }
  const blocks = drawBlocks(n, resamples, options.blockLength, options.seed);
  const prefix = new Float64Array(4 * n + 2);
  const sharpes = new Float64Array(resamples);

  // Observed and resampled per-bar Sharpe of one series into `sharpes`; returns the observed one.
  const run = (x: Float64Array): number => {
    const mean = circularPrefixSums(x, prefix);
    const { starts, ends, firstBlock } = blocks;
    for (let b = 0; b < resamples; b++) {
      let s1 = 0;
      let s2 = 0;
      const last = firstBlock[b + 1];
      for (let j = firstBlock[b]; j < last; j++) {
        const from = 2 * starts[j];
        const to = 2 * ends[j];
        s1 += prefix[to] - prefix[from];
        s2 += prefix[to + 1] - prefix[from + 1];
      }
      sharpes[b] = sharpeFromSums(mean, s1, s2, n, riskFree);
    }
    return sharpeFromSums(mean, prefix[2 * n], prefix[2 * n + 1], n, riskFree);
  };

  const baseSharpe = run(baseline);
  const resampledBase = Float64Array.from(sharpes);
  const difference = new Float64Array(count);
  const resampled = new Float64Array(resamples * count);
  for (let k = 0; k < count; k++) {
    difference[k] = run(trials[k]) - baseSharpe;
    for (let b = 0; b < resamples; b++) resampled[b * count + k] = sharpes[b] - resampledBase[b];
  }
  return { trials: count, resamples, bars: n, difference, resampled };
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
