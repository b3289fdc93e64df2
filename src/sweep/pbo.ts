import { ZERO_VOLATILITY } from '../backtest/index.js';

export interface PboOptions {
  /** Even number of contiguous blocks the bars are cut into (default 16). */
  blocks?: number;
  /** Risk-free return per bar. */
  riskFree?: number;
}

export interface Pbo {
  /** Probability of Backtest Overfitting: the share of splits whose in-sample best ranks in the bottom half out of sample. */
  pbo: number;
  /** logit(w) per split, w = out-of-sample relative rank of the in-sample best. */
  logits: Float64Array;
  blocks: number;
}

export const DEFAULT_PBO_BLOCKS = 16;

/**
 * Probability of Backtest Overfitting by combinatorially symmetric cross-validation (Bailey,
 * Borwein, Lopez de Prado and Zhu, 2015, "The Probability of Backtest Overfitting", J. Computational
 * Finance 20(4)). The bars are cut into S contiguous blocks; for each of the C(S, S/2) ways to pick
 * half of them as in-sample (the rest out-of-sample) the trial with the best in-sample per-bar Sharpe
 * is ranked among all trials out of sample: w = rank / (N + 1) (ties share the mean rank), logit
 * l = ln(w / (1 - w)). PBO = #{l <= 0} / C(S, S/2). Sums kept per half-set of blocks make a split
 * cost O(trials).
 */
export function probabilityOfOverfitting(
  trials: readonly Float64Array[],
  options: PboOptions = {},
): Pbo {
  const blocks = options.blocks ?? DEFAULT_PBO_BLOCKS;
  const riskFree = options.riskFree ?? 0;
  const count = trials.length;
  if (!Number.isInteger(blocks) || blocks < 2 || blocks % 2 !== 0 || blocks > 20) {
    throw new RangeError(`PBO needs an even number of blocks from 2 to 20, got ${blocks}`);
  }
  const n = count > 0 ? trials[0].length : 0;
  if (count < 2 || n < 2 * blocks) {
    return { pbo: Number.NaN, logits: new Float64Array(0), blocks };
  }
  // Per trial and block: return count, and sums of x - mean and (x - mean)^2 around the trial's mean.
  const sizes = new Float64Array(blocks);
  const sums = new Float64Array(count * blocks);
  const squares = new Float64Array(count * blocks);
  const means = new Float64Array(count);
  for (let j = 0; j < blocks; j++) {
    sizes[j] = Math.floor(((j + 1) * n) / blocks) - Math.floor((j * n) / blocks);
  }
  for (let k = 0; k < count; k++) {
    const x = trials[k];
    if (x.length !== n) throw new RangeError(`trial ${k} has ${x.length} returns, trial 0 ${n}`);
    let total = 0;
    for (let i = 0; i < n; i++) total += x[i];
    const mean = total / n;
    means[k] = mean;
    for (let j = 0; j < blocks; j++) {
      let s1 = 0;
      let s2 = 0;
      for (let i = Math.floor((j * n) / blocks); i < Math.floor(((j + 1) * n) / blocks); i++) {
        const d = x[i] - mean;
        s1 += d;
        s2 += d * d;
      }
      sums[k * blocks + j] = s1;
      squares[k * blocks + j] = s2;
    }
  }
  // Meet in the middle: the in-sample sums of a split are the sums over its chosen low blocks
  // (0 .. S/2 - 1) plus those over its chosen high blocks, each kept per subset and trial.
  const half = blocks / 2;
  const subsets = 1 << half;
  const subsetSums = (offset: number) => {
    const sum = new Float64Array(subsets * count);
    const square = new Float64Array(subsets * count);
    const size = new Float64Array(subsets);
    for (let subset = 1; subset < subsets; subset++) {
      const bit = 31 - Math.clz32(subset & -subset);
      const rest = subset & (subset - 1);
      size[subset] = size[rest] + sizes[offset + bit];
      for (let k = 0; k < count; k++) {
        sum[subset * count + k] = sum[rest * count + k] + sums[k * blocks + offset + bit];
        square[subset * count + k] = square[rest * count + k] + squares[k * blocks + offset + bit];
      }
    }
    return { sum, square, size };
  };
  const low = subsetSums(0);
  const high = subsetSums(half);
  const full = subsets - 1;
  const totalSums = new Float64Array(count);
  const totalSquares = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    totalSums[k] = low.sum[full * count + k] + high.sum[full * count + k];
    totalSquares[k] = low.square[full * count + k] + high.square[full * count + k];
  }

  const outOfSample = new Float64Array(count);
  const logits: number[] = [];
  let overfit = 0;
  for (let mask = 0; mask < 1 << blocks; mask++) {
    if (popCount(mask) !== half) continue;
    const lowRow = (mask & full) * count;
    const highRow = (mask >>> half) * count;
    const inCount = low.size[mask & full] + high.size[mask >>> half];
    const outCount = n - inCount;
    let best = 0;
    let bestSharpe = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < count; k++) {
      const s1 = low.sum[lowRow + k] + high.sum[highRow + k];
      const s2 = low.square[lowRow + k] + high.square[highRow + k];
      const inSharpe = sharpe(means[k], s1, s2, inCount, riskFree);
      if (inSharpe > bestSharpe) {
        bestSharpe = inSharpe;
        best = k;
      }
      outOfSample[k] = sharpe(
        means[k],
        totalSums[k] - s1,
        totalSquares[k] - s2,
        outCount,
        riskFree,
      );
    }
    let below = 0;
    let tied = 0;
    const target = outOfSample[best];
    for (let k = 0; k < count; k++) {
      if (outOfSample[k] < target) below++;
      else if (outOfSample[k] === target && k !== best) tied++;
    }
    const w = (below + 1 + tied / 2) / (count + 1);
    const logit = Math.log(w / (1 - w));
    logits.push(logit);
    if (logit <= 0) overfit++;
  }
  return { pbo: overfit / logits.length, logits: Float64Array.from(logits), blocks };
}

function sharpe(mean: number, sum: number, squares: number, n: number, riskFree: number): number {
  const variance = (squares - (sum * sum) / n) / (n - 1);
  const std = variance > 0 ? Math.sqrt(variance) : 0;
  return std > ZERO_VOLATILITY ? (mean + sum / n - riskFree) / std : 0;
}

function popCount(x: number): number {
  let bits = 0;
  for (let v = x; v !== 0; v &= v - 1) bits++;
  return bits;
}
